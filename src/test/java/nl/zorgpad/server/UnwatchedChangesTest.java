package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import ca.uhn.fhir.rest.server.messaging.BaseResourceMessage;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;

class UnwatchedChangesTest {
	private static final FhirContext CONTEXT = FhirContext.forR4Cached();

	@Test
	void aChangeIsNotQueued_whenNoSubscriptionIsActive() {
		assertThat(new UnwatchedChanges(CONTEXT, () -> 0).worthMatching(created(new Observation()))).isFalse();
	}

	@Test
	void aChangeIsQueued_whenASubscriptionIsActive() {
		assertThat(new UnwatchedChanges(CONTEXT, () -> 1).worthMatching(created(new Observation()))).isTrue();
	}

	@Test
	void aSubscriptionIsAlwaysQueued_soThatItCanBeActivated() {
		assertThat(new UnwatchedChanges(CONTEXT, () -> 0).worthMatching(created(new Subscription()))).isTrue();
	}

	private static ResourceModifiedMessage created(Resource resource) {
		resource.setId(resource.fhirType() + "/1/_history/1");
		return new ResourceModifiedMessage(CONTEXT, resource, BaseResourceMessage.OperationTypeEnum.CREATE);
	}
}
