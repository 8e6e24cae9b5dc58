package nl.zorgpad.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.RuleSwitches;
import nl.zorgpad.rules.Verdict;
import nl.zorgpad.rules.VerdictAssertions;
import nl.zorgpad.support.Examples;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PathwayRulesTest {
	static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
	static final String PATIENT = "Patient/rules-test";

	@Test
	void everyRuleButTheInstrumentTotal_isCheckedOnExactlyTheResourceTypesItDeclares() {
		for (RuleId rule : RuleId.values()) {
			Set<String> checked = PathwayRules.ALL.stream().filter(check -> check.rule() == rule)
					.map(check -> check.guards().getSimpleName()).collect(Collectors.toSet());
			if (rule == RuleId.R7) {
				assertThat(checked).as("ZP-R7 is applied where instrument responses are scored").isEmpty();
			} else {
				assertThat(checked).as(rule.code()).containsExactlyInAnyOrderElementsOf(rule.guards());
			}
		}
	}

	/** ZP-R2 on its own, for a patient who has not (yet) agreed to take part. */
	@Nested
	class ParticipationWithoutConsent {
		private final InMemoryStore store = new InMemoryStore();

		@Test
		void aWriteThatLeavesTheStatusUnchanged_isNotJudgedAgain() {
			Condition before = episode("kwetsbaar");
			Condition after = episode("kwetsbaar");
			after.addNote().setText("besproken met dochter");

			assertThat(participation(before, after)).isEmpty();
		}

		@Test
		void aWriteThatSetsOrChangesTheStatus_is() {
			VerdictAssertions.refusal(single(participation(null, episode("kwetsbaar"))), "ZP-R2");
			VerdictAssertions.refusal(single(participation(episode("mogelijk-kwetsbaar"), episode("kwetsbaar"))), "ZP-R2");
			VerdictAssertions.refusal(single(participation(episode("kwetsbaar"), episode("complex-kwetsbaar"))), "ZP-R2");
		}

		private List<Verdict> participation(Resource previous, Resource next) {
			return PathwayRules.judge(previous, next, record(store), only(RuleId.R2));
		}
	}

	/** ZP-R2 on a Gezondheidsplan: the consent must be in force on the plan's start, or today without one. */
	@Nested
	class PlanDay {
		private final InMemoryStore store = new InMemoryStore();

		@Test
		void aPlanIsJudgedOnItsPeriodStart() {
			store.add(participationConsent(TODAY.minusDays(30)));

			VerdictAssertions.refusal(single(plan(TODAY.minusDays(60))), "ZP-R2");
			VerdictAssertions.assertAllowed(single(plan(TODAY.minusDays(10))));
		}

		@Test
		void aPlanWithoutStart_isJudgedToday() {
			store.add(participationConsent(TODAY.plusDays(10)));

			VerdictAssertions.refusal(single(plan(null)), "ZP-R2");
			VerdictAssertions.assertAllowed(single(plan(TODAY.plusDays(20))));
		}

		private List<Verdict> plan(LocalDate start) {
			CarePlan plan = Examples.about("CarePlan-gezondheidsplan-jansen", PATIENT);
			plan.setPeriod(start == null ? new Period() : new Period().setStart(date(start)));
			return PathwayRules.judge(null, plan, record(store), only(RuleId.R2));
		}
	}

	/** A frailty episode of {@link #PATIENT} recorded 90 days ago, with this status (set on the day of the write). */
	static Condition episode(String status) {
		Condition episode = Examples.about("Condition-kwetsbaarheid-jansen", PATIENT);
		episode.setId("episode-1");
		episode.getStageFirstRep().getAssessment().clear();
		episode.getStageFirstRep().getExtension().clear(); // its status is set on the day of the write
		episode.getEvidence().clear();
		episode.setRecordedDateElement(new DateTimeType(date(TODAY.minusDays(90))));
		episode.getCode().getCodingFirstRep().setCode(status.equals("mogelijk-kwetsbaar") ? "A49.01" : "A05")
				.setDisplay(null);
		episode.getStageFirstRep().setSummary(new CodeableConcept(
				new Coding("https://zorgpad.nl/fhir/CodeSystem/frailty-status", status, null)));
		return episode;
	}

	private static Consent participationConsent(LocalDate from) {
		Consent consent = Examples.about("Consent-programma-deelname", PATIENT);
		consent.setId("consent-1");
		consent.setDateTime(date(from));
		consent.getProvision().setPeriod(new Period().setStart(date(from)).setEnd(date(from.plusYears(1))));
		return consent;
	}

	private static PatientRecord record(InMemoryStore store) {
		return new PatientRecord(store, PATIENT, RequestBundle.of(null), TODAY);
	}

	private static RuleSwitches only(RuleId rule) {
		return new RuleSwitches(Arrays.stream(RuleId.values()).filter(other -> other != rule).map(RuleId::code).toList());
	}

	private static Verdict single(List<Verdict> verdicts) {
		assertThat(verdicts).hasSize(1);
		return verdicts.get(0);
	}

	static Date date(LocalDate day) {
		return Date.from(day.atStartOfDay(ZoneId.of("Europe/Amsterdam")).toInstant());
	}
}
