package nl.zorgpad.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A change is queued for subscription matching only when this server has an active Subscription to match it
 * against — or may have one any moment: for a minute after start-up (while HAPI loads the active ones) and after
 * any change of a Subscription (which is always queued, so that it can be activated and registered). HAPI
 * otherwise stores a message for every written resource and reads the resource back on its matching thread:
 * 16 % of the CPU of a transaction ingest with not one Subscription (JFR, issue 15). Matching itself uses this
 * server's registry of active Subscriptions, so with an empty registry nothing would have matched anyway.
 */
final class UnwatchedChanges {
	static final Duration SETTLING = Duration.ofMinutes(1);

	private final FhirContext context;
	private final IntSupplier activeSubscriptions;
	private final LongSupplier nanoTime;
	private volatile long settlingSince;

	UnwatchedChanges(FhirContext context, IntSupplier activeSubscriptions, LongSupplier nanoTime) {
		this.context = context;
		this.activeSubscriptions = activeSubscriptions;
		this.nanoTime = nanoTime;
		this.settlingSince = nanoTime.getAsLong();
	}

	/** False: HAPI drops the message. */
	@Hook(Pointcut.SUBSCRIPTION_RESOURCE_MODIFIED)
	public boolean worthMatching(ResourceModifiedMessage message) {
		long now = nanoTime.getAsLong();
		if (message.hasResourceType(context, "Subscription")) {
			settlingSince = now;
			return true;
		}
		return activeSubscriptions.getAsInt() > 0 || now - settlingSince < SETTLING.toNanos();
	}
}
