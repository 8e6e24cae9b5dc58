package nl.zorgpad.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.zorgpad.security.AccessPolicy.Viewer;
import nl.zorgpad.security.SmartScopes.Context;
import nl.zorgpad.security.SmartScopes.Interaction;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Subscription never notifies its owner of what they may not read. On every write path, before the
 * write guard: the endpoint is an http(s) URL; a professional's Subscription is narrowed to what they may see
 * — their own work ({@code Task?owner=<their fhirUser>}) or patients in their care relation
 * ({@code <Type>?patient=Patient/<id>[,…]} of a type their role reads) — and is stamped with who made it
 * (a {@code meta.tag}), so only they read, change or delete it. System clients subscribe within their scopes
 * (criteria of a type their scopes do not let them read are refused here).
 * A relation judged when subscribing may end (a member leaves the team, a Task is reassigned): every delivery of
 * a professional's Subscription is judged again, as a read of the notified resource by its owner now.
 */
final class SubscriptionGuard {
	static final String SUBSCRIBER = "https://zorgpad.nl/fhir/CodeSystem/subscriber";
	private static final List<String> PATIENT_PARAMETERS = List.of("patient", "subject", "for");
	private static final Logger log = LoggerFactory.getLogger(SubscriptionGuard.class);

	private final Viewers viewers;
	private final Subjects subjects;
	private final FhirContext context;

	SubscriptionGuard(Viewers viewers, Subjects subjects, FhirContext context) {
		this.viewers = viewers;
		this.subjects = subjects;
		this.context = context;
	}

	/** False (not delivered) when the Subscription's owner may no longer read what it notifies of. */
	@Hook(Pointcut.SUBSCRIPTION_BEFORE_DELIVERY)
	public boolean beforeDelivery(CanonicalSubscription subscription, ResourceDeliveryMessage message) {
		String subscriber = subscription.getTags().get(SUBSCRIBER);
		if (subscriber == null) {
			return true; // a system client's: within its scopes
		}
		IBaseResource resource = message.getPayload(context);
		boolean readable = resource != null
				&& AccessPolicy.mayRead(viewers.user(subscriber), subjects.of(resource));
		if (!readable) {
			log.info("Subscription {} of {} not notified of {}: not readable by its owner now",
					subscription.getIdElementString(), subscriber, message.getPayloadId());
		}
		return readable;
	}

	/** Who made the Subscription, as stamped when it was stored. */
	static Optional<String> subscriber(Subscription subscription) {
		return subscription.getMeta().getTag().stream().filter(tag -> SUBSCRIBER.equals(tag.getSystem()))
				.map(tag -> tag.getCode()).findFirst();
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -50)
	public void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Subscription subscription) {
			check(subscription, request, null);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -50)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		if (resource instanceof Subscription subscription) {
			check(subscription, request, (Subscription) previous);
		}
	}

	private void check(Subscription subscription, RequestDetails request, Subscription previous) {
		Subscription.SubscriptionChannelType channel = subscription.getChannel().getType();
		if (channel == Subscription.SubscriptionChannelType.RESTHOOK) {
			String endpoint = subscription.getChannel().getEndpoint();
			String scheme = endpoint == null ? null : URI.create(endpoint.replace(" ", "%20")).getScheme();
			if (scheme == null || !List.of("http", "https").contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
				throw new UnprocessableEntityException("Subscription.channel.endpoint must be an http(s) URL");
			}
		} else if (channel != Subscription.SubscriptionChannelType.WEBSOCKET) {
			throw new UnprocessableEntityException("Subscription.channel.type must be rest-hook or websocket");
		}
		Viewer viewer = request == null ? Viewer.SYSTEM : viewers.of(request);
		if (!viewer.narrowed()) {
			Caller caller = request == null || request instanceof SystemRequestDetails ? null : Caller.current();
			String type = criteriaType(subscription.getCriteria());
			if (caller != null && (type == null || !caller.scopes().allows(Context.SYSTEM, type, Interaction.READ))) {
				throw new ForbiddenOperationException("A Subscription's criteria must name a resource type your scopes"
						+ " allow you to read (system/<Type>.r)");
			}
			return;
		}
		subscription.getMeta().getTag().removeIf(tag -> SUBSCRIBER.equals(tag.getSystem()));
		String owner = previous == null ? viewer.self() : subscriber(previous).orElse(null);
		subscription.getMeta().addTag(SUBSCRIBER, owner, null); // kept on every update: the write guard checks it
		String refusal = narrowedToWhatTheViewerSees(viewer, subscription.getCriteria());
		if (refusal != null) {
			throw new ForbiddenOperationException(refusal);
		}
	}

	/** The resource type the criteria search ({@code Task?owner=…} → Task), or null when there is none. */
	static String criteriaType(String criteria) {
		String type = criteria == null ? null : criteria.replaceFirst("\\?.*$", "");
		return type == null || !type.matches("[A-Z][A-Za-z]{1,63}") ? null : type;
	}

	/** Null when the criteria stay within what the viewer may read; else why not. */
	static String narrowedToWhatTheViewerSees(Viewer viewer, String criteria) {
		String why = "A Subscription of a user must be narrowed to what you may see: Task?owner=<your fhirUser>,"
				+ " or <Type>?patient=Patient/<id> of patients in your care relation";
		if (criteria == null || !criteria.contains("?") || viewer.self() == null) {
			return why;
		}
		String type = criteria.substring(0, criteria.indexOf('?'));
		List<String[]> parameters = Arrays.stream(criteria.substring(criteria.indexOf('?') + 1).split("&"))
				.filter(parameter -> parameter.contains("=")).map(parameter -> parameter.split("=", 2)).toList();
		boolean ownWork = "Task".equals(type) && parameters.stream()
				.anyMatch(p -> "owner".equals(p[0]) && viewer.self().equals(p[1]));
		boolean relatedPatients = AccessPolicy.readableTypes(viewer.role()).contains(type) && parameters.stream()
				.filter(p -> PATIENT_PARAMETERS.contains(p[0]) || "Patient".equals(type) && "_id".equals(p[0]))
				.anyMatch(p -> Arrays.stream(p[1].split(",")).map(id -> id.replaceFirst("^Patient/", ""))
						.allMatch(viewer.patients()::contains));
		return ownWork || relatedPatients ? null : why;
	}
}
