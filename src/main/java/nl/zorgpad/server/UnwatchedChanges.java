package nl.zorgpad.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import java.util.function.IntSupplier;

/**
 * A change is queued for subscription matching only when this server has an active Subscription to match it
 * against (and a change of a Subscription always, so that it can be activated). HAPI otherwise stores a
 * message for every written resource and reads the resource back on its matching thread — 16 % of the CPU of
 * a transaction ingest with not one Subscription (JFR, issue 15). Matching itself uses this server's registry
 * of active Subscriptions, so with an empty registry nothing would have matched anyway.
 */
final class UnwatchedChanges {
	private final FhirContext context;
	private final IntSupplier activeSubscriptions;

	UnwatchedChanges(FhirContext context, IntSupplier activeSubscriptions) {
		this.context = context;
		this.activeSubscriptions = activeSubscriptions;
	}

	/** False: HAPI drops the message. */
	@Hook(Pointcut.SUBSCRIPTION_RESOURCE_MODIFIED)
	public boolean worthMatching(ResourceModifiedMessage message) {
		return activeSubscriptions.getAsInt() > 0 || message.hasResourceType(context, "Subscription");
	}
}
