package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import ca.uhn.fhir.rest.server.messaging.BaseResourceMessage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;

class UnwatchedChangesTest {
	private static final FhirContext CONTEXT = FhirContext.forR4Cached();
	private static final long MINUTE = UnwatchedChanges.SETTLING.toNanos();

	private final AtomicInteger active = new AtomicInteger();
	private final AtomicLong now = new AtomicLong(1_000);
	private final UnwatchedChanges unwatched = new UnwatchedChanges(CONTEXT, active::get, now::get);

	@Test
	void aChangeIsNotQueued_whenNoSubscriptionIsActive_onceStartUpHasSettled() {
		now.addAndGet(MINUTE);
		assertThat(unwatched.worthMatching(created(new Observation()))).isFalse();
	}

	@Test
	void everyChangeIsQueued_inTheFirstMinute_whileTheActiveSubscriptionsAreLoaded() {
		now.addAndGet(MINUTE - 1);
		assertThat(unwatched.worthMatching(created(new Observation()))).isTrue();
	}

	@Test
	void aChangeIsQueued_whenASubscriptionIsActive() {
		now.addAndGet(10 * MINUTE);
		active.set(1);
		assertThat(unwatched.worthMatching(created(new Observation()))).isTrue();
	}

	@Test
	void aSubscriptionIsAlwaysQueued_andChangesForAMinuteAfter_whileItIsActivated() {
		now.addAndGet(10 * MINUTE);
		assertThat(unwatched.worthMatching(created(new Subscription()))).isTrue();

		now.addAndGet(MINUTE - 1);
		assertThat(unwatched.worthMatching(created(new Observation()))).isTrue();
		now.addAndGet(1);
		assertThat(unwatched.worthMatching(created(new Observation()))).isFalse();
	}

	private static ResourceModifiedMessage created(Resource resource) {
		resource.setId(resource.fhirType() + "/1/_history/1");
		return new ResourceModifiedMessage(CONTEXT, resource, BaseResourceMessage.OperationTypeEnum.CREATE);
	}
}
