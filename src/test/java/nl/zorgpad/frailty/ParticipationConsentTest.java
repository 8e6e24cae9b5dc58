package nl.zorgpad.frailty;

import static nl.zorgpad.rules.VerdictAssertions.assertAllowed;
import static nl.zorgpad.rules.VerdictAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import nl.zorgpad.consent.ConsentCategory;
import nl.zorgpad.consent.ConsentEntry;
import nl.zorgpad.consent.ConsentEntry.Provision;
import nl.zorgpad.consent.ConsentEntry.Status;
import nl.zorgpad.consent.ConsentLedger;
import nl.zorgpad.frailty.ParticipationConsent.CarePlanFacts;
import nl.zorgpad.frailty.ParticipationConsent.EpisodeFacts;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;

class ParticipationConsentTest {
	static final String RULE = "ZP-R2";
	static final LocalDate DAY = LocalDate.parse("2024-06-15");
	static final ConsentLedger PERMITTED = ledger(Status.ACTIVE, Provision.PERMIT);
	static final ConsentLedger DENIED = ConsentLedger.of(
			entry(Status.ACTIVE, Provision.PERMIT, "2024-01-01"), entry(Status.ACTIVE, Provision.DENY, "2024-03-01"));
	static final ConsentLedger NOTHING = ConsentLedger.of();

	static ConsentEntry entry(Status status, Provision provision, String date) {
		LocalDate day = LocalDate.parse(date);
		return new ConsentEntry(ConsentCategory.PROGRAMMA_DEELNAME, status, provision, day, day, null);
	}

	static ConsentLedger ledger(Status status, Provision provision) {
		return ConsentLedger.of(entry(status, provision, "2024-01-01"));
	}

	@Nested
	class FrailtyEpisode {
		static Verdict evaluate(FrailtyStatus status, ConsentLedger consents) {
			return ParticipationConsent.evaluate(new EpisodeFacts(status, DAY, consents));
		}

		@ParameterizedTest
		@EnumSource(value = FrailtyStatus.class, names = {"KWETSBAAR", "COMPLEX_KWETSBAAR"})
		void allowsFrailStatus_whenParticipationConsented(FrailtyStatus status) {
			assertAllowed(evaluate(status, PERMITTED));
		}

		@ParameterizedTest
		@EnumSource(value = FrailtyStatus.class, names = {"KWETSBAAR", "COMPLEX_KWETSBAAR"})
		void refusesFrailStatus_whenNoParticipationConsent(FrailtyStatus status) {
			Verdict.Finding reason = refusal(evaluate(status, NOTHING), RULE);

			assertThat(reason.dutch()).contains("programma-deelname", status.code());
			assertThat(reason.english()).contains("Record the consent first", "programma-deelname");
		}

		@ParameterizedTest
		@EnumSource(value = FrailtyStatus.class, names = {"KWETSBAAR", "COMPLEX_KWETSBAAR"})
		void refusesFrailStatus_whenParticipationDenied_askingToRecordTheRefusal(FrailtyStatus status) {
			Verdict.Finding reason = refusal(evaluate(status, DENIED), RULE);

			assertThat(reason.dutch()).contains("weigert deelname");
			assertThat(reason.english()).contains("refusal of participation", "without status " + status.code());
		}

		@Test
		void refusesFrailStatus_whenParticipationConsentInactive() {
			refusal(evaluate(FrailtyStatus.KWETSBAAR, ledger(Status.INACTIVE, Provision.PERMIT)), RULE);
		}

		@ParameterizedTest
		@NullSource
		@EnumSource(value = FrailtyStatus.class, names = {"MOGELIJK_KWETSBAAR", "NIET_KWETSBAAR"})
		void allowsOtherStatuses_withoutConsent_soARefusalCanBeRecorded(FrailtyStatus status) {
			assertAllowed(evaluate(status, DENIED));
			assertAllowed(evaluate(status, NOTHING));
		}
	}

	@Nested
	class CarePlan {
		static Verdict evaluate(boolean ending, ConsentLedger consents) {
			return ParticipationConsent.evaluate(new CarePlanFacts(ending, DAY, consents));
		}

		@Test
		void allowsCarePlan_whenParticipationConsented() {
			assertAllowed(evaluate(false, PERMITTED));
		}

		@Test
		void refusesCarePlan_whenNoParticipationConsent() {
			Verdict.Finding reason = refusal(evaluate(false, NOTHING), RULE);

			assertThat(reason.english()).contains("Record the consent first", "programma-deelname");
		}

		@Test
		void refusesCarePlan_whenParticipationDenied() {
			Verdict.Finding reason = refusal(evaluate(false, DENIED), RULE);

			assertThat(reason.english()).contains("is not accepted", "programma-deelname");
		}

		@Test
		void allowsEndingTheCarePlan_afterParticipationDenied() {
			assertAllowed(evaluate(true, DENIED));
		}
	}
}
