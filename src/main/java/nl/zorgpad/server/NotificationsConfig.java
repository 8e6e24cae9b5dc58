package nl.zorgpad.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import org.hl7.fhir.dstu2.model.Subscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * FHIR R4 Subscriptions through HAPI's subscription support: a write is matched against the active
 * Subscriptions and delivered by rest-hook (an HTTP(S) endpoint of the subscriber). Who may subscribe to
 * what is the security package's business ({@code SubscriptionGuard}).
 */
@Configuration(proxyBeanMethods = false)
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class})
class NotificationsConfig {

	@Bean
	SubscriptionSettings subscriptionSettings() {
		SubscriptionSettings settings = new SubscriptionSettings();
		settings.addSupportedSubscriptionType(Subscription.SubscriptionChannelType.RESTHOOK); // HAPI names the types with its DSTU2 enum
		return settings;
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

	/** Only rest-hook is offered (e-mail is not a supported channel type): HAPI's processor still needs a sender. */
	@Bean
	IEmailSender noEmail() {
		return email -> {
			throw new UnsupportedOperationException("e-mail subscriptions are not supported");
		};
	}
}
