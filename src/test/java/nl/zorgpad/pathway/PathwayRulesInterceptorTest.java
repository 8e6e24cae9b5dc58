package nl.zorgpad.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.List;
import nl.zorgpad.rules.RuleSwitches;
import nl.zorgpad.support.Examples;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;

class PathwayRulesInterceptorTest {
	private final InMemoryStore store = new InMemoryStore();
	private final PathwayRulesInterceptor interceptor = new PathwayRulesInterceptor(FhirContext.forR4Cached(), store,
			new RuleSwitches(List.of()), Clock.systemUTC(), rule -> {});

	@Test
	void everyConsentChange_takesThePatientsLock_asTheWritesWhoseRulesReadItDo() {
		Consent consent = Examples.about("Consent-programma-deelname", "Patient/lock-test");
		consent.setId("Consent/c1");
		Consent withdrawn = consent.copy().setStatus(Consent.ConsentState.INACTIVE);

		interceptor.created(consent, null);
		interceptor.updated(consent, withdrawn, null);
		interceptor.deleted(withdrawn, null);

		assertThat(store.locked).containsExactly("lock-test", "lock-test", "lock-test");
	}
}
