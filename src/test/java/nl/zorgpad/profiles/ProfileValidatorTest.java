package nl.zorgpad.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {
	private final ProfileValidator profiles = new ProfileValidator(FhirContext.forR4Cached(), List.of());

	@Test
	void eachThreadKeepsItsOwnInstanceValidator_forFiveHundredUses_thenGetsANewOne() throws Exception {
		InstanceValidator first = profiles.validator();
		for (int use = 2; use <= 500; use++) {
			assertThat(profiles.validator()).as("use " + use).isSameAs(first);
		}
		InstanceValidator fromAnotherThread = CompletableFuture.supplyAsync(profiles::validator).get();

		assertThat(fromAnotherThread).isNotSameAs(first);
		assertThat(profiles.validator()).as("use 501").isNotSameAs(first);
	}
}
