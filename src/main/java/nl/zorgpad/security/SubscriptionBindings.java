package nl.zorgpad.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.zorgpad.security.SmartScopes.Context;
import nl.zorgpad.security.SmartScopes.Interaction;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * A websocket binds only to a Subscription its caller may read. The handshake carries the bearer token
 * (the websocket path is authenticated like every other); {@code bind <id>} is then judged as a read of that
 * Subscription by that caller: a system client with a Subscription read scope, a professional only their own
 * (see {@link SubscriptionGuard}). Anything else closes the socket with "policy violation", the same for a
 * Subscription that does not exist (no oracle). Every {@code ping} HAPI sends later is judged the same way.
 */
final class SubscriptionBindings implements WebSocketHandlerDecoratorFactory {
	private static final Logger log = LoggerFactory.getLogger(SubscriptionBindings.class);
	private static final String BIND = "bind ";
	private static final String PING = "ping ";

	private final Viewers viewers;
	private final Subjects subjects;
	private final DaoRegistry daos;

	SubscriptionBindings(Viewers viewers, Subjects subjects, DaoRegistry daos) {
		this.viewers = viewers;
		this.subjects = subjects;
		this.daos = daos;
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {
			/** The session as handed on, per connection: HAPI's per-connection handler knows it by this object. */
			private final Map<String, WebSocketSession> judged = new ConcurrentHashMap<>();

			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				super.afterConnectionEstablished(judged.computeIfAbsent(session.getId(), id -> judged(session)));
			}

			@Override
			public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
				if (message instanceof TextMessage text && text.getPayload().startsWith(BIND)
						&& !mayBind(Caller.of(session.getPrincipal()), text.getPayload().substring(BIND.length()).trim())) {
					refuse(session);
					return;
				}
				super.handleMessage(judged.getOrDefault(session.getId(), session), message);
			}

			@Override
			public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
				super.handleTransportError(judged.getOrDefault(session.getId(), session), exception);
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				WebSocketSession handedOn = judged.remove(session.getId());
				super.afterConnectionClosed(handedOn == null ? session : handedOn, closeStatus);
			}
		};
	}

	/**
	 * The session as HAPI's handler sends on it: each {@code ping <id>} is judged again, as the bind was (the
	 * caller's relation may have ended since); a ping the caller may no longer hear closes the socket instead.
	 */
	private WebSocketSession judged(WebSocketSession session) {
		return new WebSocketSessionDecorator(session) {
			@Override
			public void sendMessage(WebSocketMessage<?> message) throws IOException {
				if (message instanceof TextMessage text && text.getPayload().startsWith(PING)
						&& !mayBind(Caller.of(getPrincipal()), text.getPayload().substring(PING.length()).trim())) {
					refuse(getDelegate());
					return;
				}
				super.sendMessage(message);
			}
		};
	}

	/**
	 * Whether the caller may read this Subscription now — and, for a professional, whether its criteria still
	 * stay within what they may see (see {@link SubscriptionGuard#narrowedToWhatTheViewerSees}).
	 */
	boolean mayBind(Caller caller, String subscription) {
		if (caller == null || Arrays.stream(Context.values())
				.noneMatch(context -> caller.scopes().allows(context, "Subscription", Interaction.READ))) {
			return false;
		}
		String id = new IdType(subscription).getIdPart();
		if (id == null || !id.matches("[A-Za-z0-9\\-.]{1,64}")) {
			return false;
		}
		Subscription found;
		try { // through HAPI: the owner's tag is stored beside the resource, not in it
			found = daos.getResourceDao(Subscription.class).read(new IdType("Subscription", id), new SystemRequestDetails());
		} catch (BaseServerResponseException absentOrDeleted) {
			return false;
		}
		AccessPolicy.Viewer viewer = viewers.of(caller);
		return AccessPolicy.mayRead(viewer, subjects.of(found)) && (!viewer.narrowed()
				|| SubscriptionGuard.narrowedToWhatTheViewerSees(viewer, found.getCriteria()) == null);
	}

	private static void refuse(WebSocketSession session) throws IOException {
		log.info("Websocket {} closed: not a Subscription its caller may read (now)", session.getId());
		session.sendMessage(new TextMessage("error Not a Subscription you may read"));
		session.close(CloseStatus.POLICY_VIOLATION);
	}
}
