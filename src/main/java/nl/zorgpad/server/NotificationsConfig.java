package nl.zorgpad.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.dstu2.model.Subscription;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * FHIR R4 Subscriptions through HAPI's subscription support: a write is matched against the active
 * Subscriptions and delivered by rest-hook (an HTTP(S) endpoint of the subscriber; a failed delivery is tried
 * again by HAPI's channel, see {@link DeliveryFailures}) or over a websocket ({@link WebsocketNotificationsConfig}).
 * Who may subscribe to what, and hear of what, is the security package's business ({@code SubscriptionGuard}).
 */
@Configuration(proxyBeanMethods = false)
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class})
class NotificationsConfig {
	static final String WEBSOCKET = "http://hl7.org/fhir/StructureDefinition/capabilitystatement-websocket";

	@Bean
	SubscriptionSettings subscriptionSettings() {
		SubscriptionSettings settings = new SubscriptionSettings();
		// HAPI names the types with its DSTU2 enum
		settings.addSupportedSubscriptionType(Subscription.SubscriptionChannelType.RESTHOOK);
		settings.addSupportedSubscriptionType(Subscription.SubscriptionChannelType.WEBSOCKET);
		return settings;
	}

	/**
	 * The CapabilityStatement says where the websocket is (R4's {@code capabilitystatement-websocket} extension):
	 * the server's base with {@code ws(s)} and the websocket path.
	 */
	@Bean
	FhirServerPlugin websocketInCapabilityStatement(SubscriptionSettings settings) {
		Object hook = new Object() {
			@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
			public void websocket(IBaseConformance statement, RequestDetails request) {
				String url = websocketUrl(request.getFhirServerBase(), settings.getWebsocketContextPath());
				((CapabilityStatement) statement).getRest().forEach(rest -> rest.addExtension(WEBSOCKET, new UriType(url)));
			}
		};
		return server -> server.registerInterceptor(hook);
	}

	/** {@code http://host:8080/fhir} → {@code ws://host:8080/websocket}. */
	static String websocketUrl(String fhirBase, String path) {
		java.net.URI base = java.net.URI.create(fhirBase);
		String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
		return scheme + "://" + base.getRawAuthority() + path;
	}

	/** Failed deliveries recorded on the Subscription (HAPI's subscription hooks run on the storage interceptors). */
	@Bean
	DeliveryFailures deliveryFailures(DaoRegistry daos, FhirContext context, IInterceptorService storageInterceptors) {
		DeliveryFailures failures = new DeliveryFailures(daos, context);
		storageInterceptors.registerInterceptor(failures);
		return failures;
	}

	/** Changes are matched against Subscriptions only when there is an active one. */
	@Bean
	UnwatchedChanges unwatchedChanges(FhirContext context, SubscriptionRegistry registry,
			IInterceptorService storageInterceptors) {
		UnwatchedChanges unwatched = new UnwatchedChanges(context, registry::size, System::nanoTime);
		storageInterceptors.registerInterceptor(unwatched);
		return unwatched;
	}

	/** Rest-hook and websocket are offered (e-mail is not a supported channel type): HAPI's processor still needs a sender. */
	@Bean
	IEmailSender noEmail() {
		return email -> {
			throw new UnsupportedOperationException("e-mail subscriptions are not supported");
		};
	}
}
