package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;

import nl.zorgpad.security.SmartScopes.Context;
import nl.zorgpad.security.SmartScopes.Interaction;
import org.junit.jupiter.api.Test;

class SmartScopesTest {
	@Test
	void readsV2Scopes_withWildcards() {
		SmartScopes scopes = SmartScopes.parse("openid fhirUser system/*.rs user/CarePlan.cu");

		assertThat(scopes.allows(Context.SYSTEM, "Condition", Interaction.READ)).isTrue();
		assertThat(scopes.allows(Context.SYSTEM, "Condition", Interaction.CREATE)).isFalse();
		assertThat(scopes.allows(Context.USER, "CarePlan", Interaction.UPDATE)).isTrue();
		assertThat(scopes.allows(Context.USER, "Goal", Interaction.CREATE)).isFalse();
		assertThat(scopes.allows(Context.PATIENT, "CarePlan", Interaction.READ)).isFalse();
	}

	@Test
	void readsV1Scopes() {
		SmartScopes scopes = SmartScopes.parse("patient/Observation.read user/*.write system/Patient.*");

		assertThat(scopes.allows(Context.PATIENT, "Observation", Interaction.SEARCH)).isTrue();
		assertThat(scopes.allows(Context.USER, "Goal", Interaction.DELETE)).isTrue();
		assertThat(scopes.allows(Context.USER, "Goal", Interaction.READ)).isFalse();
		assertThat(scopes.allows(Context.SYSTEM, "Patient", Interaction.CREATE)).isTrue();
	}

	@Test
	void aWildcardIsNotAnExplicitGrant_andNonsenseGrantsNothing() {
		SmartScopes scopes = SmartScopes.parse("system/*.cruds system/Patient.xyz user/Patient.rc launch/patient");

		assertThat(scopes.allows(Context.SYSTEM, "AuditEvent", Interaction.READ)).isTrue();
		assertThat(scopes.allowsExplicitly(Context.SYSTEM, "AuditEvent", Interaction.READ)).isFalse();
		assertThat(SmartScopes.parse("system/AuditEvent.rs").allowsExplicitly(Context.SYSTEM, "AuditEvent",
				Interaction.READ)).isTrue();
		assertThat(scopes.has(Context.USER)).isFalse(); // "rc" is not in the v2 order c-r-u-d-s
		assertThat(SmartScopes.parse(null).scopes()).isEmpty();
	}
}
