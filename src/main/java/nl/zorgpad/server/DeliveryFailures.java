package nl.zorgpad.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed delivery is visible on the Subscription: {@code Subscription.error} says when and why. HAPI's
 * delivery channel tries a failed notification again (back-off from 1 s, ×1.1, for at most 60 s) as long as
 * this hook says so; after {@value #GIVE_UP} failures in a row on this server the Subscription gets status
 * {@code error} (no more deliveries until its owner sets it back to {@code requested}). A delivery that
 * succeeds resets the count.
 */
final class DeliveryFailures {
	static final int GIVE_UP = 5;
	private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

	private final DaoRegistry daos;
	private final FhirContext context;
	private final Map<String, Integer> failures = new ConcurrentHashMap<>();

	DeliveryFailures(DaoRegistry daos, FhirContext context) {
		this.daos = daos;
		this.context = context;
	}

	@Hook(Pointcut.SUBSCRIPTION_AFTER_DELIVERY_FAILED)
	public boolean failed(ResourceDeliveryMessage message, Exception failure) {
		String id = message.getSubscriptionId(context);
		int count = failures.merge(id, 1, Integer::sum);
		log.warn("Delivery {} of Subscription {} to {} failed: {}", count, id, message.getSubscription().getEndpointUrl(),
				failure.toString());
		try {
			Subscription subscription = daos.getResourceDao(Subscription.class)
					.read(new IdType(id).toUnqualifiedVersionless(), new SystemRequestDetails());
			subscription.setError(Instant.now() + ": delivery " + count + " failed: " + failure.getMessage());
			if (count >= GIVE_UP) {
				subscription.setStatus(Subscription.SubscriptionStatus.ERROR);
				failures.remove(id);
			}
			daos.getResourceDao(Subscription.class).update(subscription, new SystemRequestDetails());
		} catch (RuntimeException unrecorded) {
			log.warn("Could not record the failure on Subscription {}: {}", id, unrecorded.toString());
		}
		return count < GIVE_UP; // true: HAPI's channel handles the failure as it does; false: give up
	}

	@Hook(Pointcut.SUBSCRIPTION_AFTER_DELIVERY)
	public void delivered(ResourceDeliveryMessage message) {
		failures.remove(message.getSubscriptionId(context));
	}
}
