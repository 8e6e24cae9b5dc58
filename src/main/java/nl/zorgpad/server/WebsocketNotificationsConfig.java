package nl.zorgpad.server;

import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.deliver.websocket.SubscriptionWebsocketHandler;
import ca.uhn.fhir.jpa.subscription.match.deliver.websocket.WebsocketConnectionValidator;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.PerConnectionWebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Websocket notifications as HAPI serves them ({@code ws://…/websocket}: {@code bind <Subscription id>}, then a
 * {@code ping <Subscription id>} per matching change — no resource content; the app reads what changed through
 * the API), behind the decorators other packages add (the security package: who may bind to which Subscription).
 * HAPI's own configuration allows any origin; this one keeps Spring's same-origin check (apps that are not
 * browsers send no Origin).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebsocketNotificationsConfig implements WebSocketConfigurer {
	private final SubscriptionSettings settings;
	private final List<WebSocketHandlerDecoratorFactory> decorators;
	private final PerConnectionWebSocketHandler subscriptionSockets;

	WebsocketNotificationsConfig(SubscriptionSettings settings, List<WebSocketHandlerDecoratorFactory> decorators,
			PerConnectionWebSocketHandler subscriptionSockets) {
		this.settings = settings;
		this.decorators = decorators;
		this.subscriptionSockets = subscriptionSockets;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		WebSocketHandler handler = subscriptionSockets;
		for (WebSocketHandlerDecoratorFactory decorator : decorators) {
			handler = decorator.decorate(handler);
		}
		registry.addHandler(handler, settings.getWebsocketContextPath());
	}

	/** One HAPI handler per connection (it keeps the connection's binding). */
	@Bean
	static PerConnectionWebSocketHandler subscriptionSockets() {
		return new PerConnectionWebSocketHandler(SubscriptionWebsocketHandler.class);
	}

	@Bean
	static WebsocketConnectionValidator websocketConnectionValidator() {
		return new WebsocketConnectionValidator();
	}
}
