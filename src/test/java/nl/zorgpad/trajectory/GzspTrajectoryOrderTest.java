package nl.zorgpad.trajectory;

import static nl.zorgpad.careteam.CareTeamRole.HUISARTS;
import static nl.zorgpad.careteam.CareTeamRole.POH_OUDERENZORG;
import static nl.zorgpad.careteam.CareTeamRole.SPECIALIST_OUDERENGENEESKUNDE;
import static nl.zorgpad.careteam.CareTeamRole.WIJKVERPLEEGKUNDIGE;
import static nl.zorgpad.meeting.MeetingStatus.FINISHED;
import static nl.zorgpad.meeting.MeetingStatus.PLANNED;
import static nl.zorgpad.meeting.MeetingType.MDO_GZSP;
import static nl.zorgpad.meeting.MeetingType.SO_CONSULT;
import static nl.zorgpad.rules.VerdictAssertions.assertAllowed;
import static nl.zorgpad.rules.VerdictAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.meeting.MeetingStatus;
import nl.zorgpad.meeting.MeetingType;
import nl.zorgpad.questionnaire.ChecklistResponse;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GzspTrajectoryOrderTest {
	static final String RULE = "ZP-R6";
	static final String START = "2024-06-15";
	static final Meeting GP_MDO = meeting(MDO_GZSP, FINISHED, "2024-03-01", HUISARTS, WIJKVERPLEEGKUNDIGE);
	static final Meeting SO_VISIT = meeting(SO_CONSULT, FINISHED, "2024-04-01", SPECIALIST_OUDERENGENEESKUNDE);
	static final Meeting SO_MDO = meeting(MDO_GZSP, FINISHED, "2024-05-01", SPECIALIST_OUDERENGENEESKUNDE, HUISARTS);
	static final ChecklistResponse INCLUDED = inclusion("2024-05-01", Map.of());

	static Meeting meeting(MeetingType type, MeetingStatus status, String date, CareTeamRole... participants) {
		return new Meeting(type, status, LocalDate.parse(date), Set.of(participants));
	}

	/** A completed gzsp-inclusie response answering i1..i4 yes, except the given items. */
	static ChecklistResponse inclusion(String authored, Map<String, Boolean> overrides) {
		Map<String, Boolean> answers = new HashMap<>();
		GzspTrajectoryOrder.INCLUSION_CRITERIA.forEach(item -> answers.put(item, true));
		answers.putAll(overrides);
		return new ChecklistResponse(LocalDate.parse(authored), true, answers);
	}

	static Verdict activate(List<Meeting> meetings, List<ChecklistResponse> inclusions) {
		return GzspTrajectoryOrder.evaluate(new GzspTrajectoryOrder.Facts(
				TrajectoryStatus.PLANNED, TrajectoryStatus.ACTIVE, LocalDate.parse(START), meetings, inclusions));
	}

	@Test
	void allowsStart_afterGpMdo_soConsult_andSoMdoWithInclusionMet() {
		assertAllowed(activate(List.of(GP_MDO, SO_VISIT, SO_MDO), List.of(INCLUDED)));
	}

	@Test
	void allowsStart_whenTheStepsFallOnOneDay_inSeparateMeetings() {
		Meeting gpMdo = meeting(MDO_GZSP, FINISHED, START, HUISARTS, WIJKVERPLEEGKUNDIGE);
		Meeting consult = meeting(SO_CONSULT, FINISHED, START);
		Meeting soMdo = meeting(MDO_GZSP, FINISHED, START, SPECIALIST_OUDERENGENEESKUNDE);

		assertAllowed(activate(List.of(gpMdo, consult, soMdo), List.of(inclusion(START, Map.of()))));
	}

	@Nested
	class StepOneGpMdo {
		@Test
		void refusesStart_withoutAnyMdo_namingTheGpMdo() {
			Verdict.Finding reason = refusal(activate(List.of(SO_VISIT, SO_MDO), List.of(INCLUDED)), RULE);

			assertThat(reason.dutch()).contains("mdo-gzsp", "huisarts en wijkverpleegkundige");
			assertThat(reason.english()).contains("Record first: a held MDO (mdo-gzsp", "wijkverpleegkundige");
		}

		@ParameterizedTest
		@EnumSource(value = CareTeamRole.class, names = {"HUISARTS", "WIJKVERPLEEGKUNDIGE"})
		void refusesStart_whenTheFirstMdoMissesGpOrDistrictNurse(CareTeamRole present) {
			Meeting incomplete = meeting(MDO_GZSP, FINISHED, "2024-03-01", present, POH_OUDERENZORG);

			refusal(activate(List.of(incomplete, SO_VISIT, SO_MDO), List.of(INCLUDED)), RULE);
		}

		@Test
		void refusesStart_whenTheGpMdoIsOnlyPlanned() {
			Meeting planned = meeting(MDO_GZSP, PLANNED, "2024-03-01", HUISARTS, WIJKVERPLEEGKUNDIGE);

			refusal(activate(List.of(planned, SO_VISIT, SO_MDO), List.of(INCLUDED)), RULE);
		}

		@Test
		void refusesStart_whenTheGpMdoComesAfterTheStart() {
			Meeting late = meeting(MDO_GZSP, FINISHED, "2024-06-16", HUISARTS, WIJKVERPLEEGKUNDIGE);

			refusal(activate(List.of(late, SO_VISIT, SO_MDO), List.of(INCLUDED)), RULE);
		}
	}

	@Nested
	class StepTwoSoConsult {
		@Test
		void refusesStart_withoutSoConsult_namingIt() {
			Verdict.Finding reason = refusal(activate(List.of(GP_MDO, SO_MDO), List.of(INCLUDED)), RULE);

			assertThat(reason.english()).contains("so-consult", "geriatric assessment", "after the MDO of 2024-03-01");
		}

		@Test
		void refusesStart_whenTheSoConsultCameBeforeTheGpMdo() {
			Meeting early = meeting(SO_CONSULT, FINISHED, "2024-02-01");

			assertThat(refusal(activate(List.of(GP_MDO, early, SO_MDO), List.of(INCLUDED)), RULE).english())
					.contains("so-consult");
		}
	}

	@Nested
	class StepThreeSoMdoWithInclusion {
		@Test
		void refusesStart_withoutAnMdoWithTheSo_afterTheConsult() {
			Meeting beforeConsult = meeting(MDO_GZSP, FINISHED, "2024-03-15", SPECIALIST_OUDERENGENEESKUNDE);

			Verdict.Finding reason =
					refusal(activate(List.of(GP_MDO, beforeConsult, SO_VISIT), List.of(INCLUDED)), RULE);

			assertThat(reason.english()).contains("specialist-ouderengeneeskunde", "after the SO consult of 2024-04-01");
		}

		@Test
		void refusesStart_whenTheOnlyMdoWithTheSoIsTheFirstMdo() {
			Meeting everyone =
					meeting(MDO_GZSP, FINISHED, START, HUISARTS, WIJKVERPLEEGKUNDIGE, SPECIALIST_OUDERENGENEESKUNDE);
			Meeting consult = meeting(SO_CONSULT, FINISHED, START);

			refusal(activate(List.of(everyone, consult), List.of(inclusion(START, Map.of()))), RULE);
		}

		@Test
		void refusesStart_withoutInclusionResponse_namingTheQuestionnaire() {
			Verdict.Finding reason = refusal(activate(List.of(GP_MDO, SO_VISIT, SO_MDO), List.of()), RULE);

			assertThat(reason.dutch()).contains("gzsp-inclusie", "2024-05-01");
			assertThat(reason.english()).contains("a completed 'gzsp-inclusie' response (i1..i3)");
		}

		@Test
		void refusesStart_whenTheInclusionWasRecordedBeforeTheSoMdo() {
			refusal(activate(List.of(GP_MDO, SO_VISIT, SO_MDO), List.of(inclusion("2024-04-30", Map.of()))), RULE);
		}

		@Test
		void refusesStart_whenTheInclusionResponseIsNotCompleted() {
			ChecklistResponse draft = new ChecklistResponse(LocalDate.parse("2024-05-01"), false, INCLUDED.answers());

			refusal(activate(List.of(GP_MDO, SO_VISIT, SO_MDO), List.of(draft)), RULE);
		}

		@Test
		void allowsStart_whenOnlyTheRuleOfThumbI4IsNotMet() {
			assertAllowed(activate(List.of(GP_MDO, SO_VISIT, SO_MDO), List.of(inclusion("2024-05-02", Map.of("i4", false)))));
		}

		@Test
		void acceptsABroadMdoOfGpAndDistrictNurse_asTheFirstStep() {
			Meeting broad = meeting(MeetingType.BREED_MDO, FINISHED, "2024-03-01", HUISARTS, WIJKVERPLEEGKUNDIGE);

			assertAllowed(activate(List.of(broad, SO_VISIT, SO_MDO), List.of(INCLUDED)));
		}

		@ParameterizedTest
		@ValueSource(strings = {"i1", "i2", "i3"})
		void refusesStart_whenAnInclusionCriterionIsNotMet_namingIt(String item) {
			ChecklistResponse notMet = inclusion("2024-05-02", Map.of(item, false));

			Verdict.Finding reason = refusal(activate(List.of(GP_MDO, SO_VISIT, SO_MDO), List.of(notMet)), RULE);

			assertThat(reason.english()).contains("inclusion criteria " + item + " answered yes");
		}
	}

	@Nested
	class OnlyTheChangeIntoActive {
		@ParameterizedTest
		@EnumSource(value = TrajectoryStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
		void allowsOtherStatuses_withoutAdmissionSteps(TrajectoryStatus next) {
			assertAllowed(GzspTrajectoryOrder.evaluate(new GzspTrajectoryOrder.Facts(
					null, next, LocalDate.parse(START), List.of(), List.of())));
		}

		@Test
		void allowsRewritingAnAlreadyActiveTrajectory() {
			assertAllowed(GzspTrajectoryOrder.evaluate(new GzspTrajectoryOrder.Facts(
					TrajectoryStatus.ACTIVE, TrajectoryStatus.ACTIVE, LocalDate.parse(START), List.of(), List.of())));
		}

		@Test
		void checksATrajectoryCreatedActive() {
			refusal(GzspTrajectoryOrder.evaluate(new GzspTrajectoryOrder.Facts(
					null, TrajectoryStatus.ACTIVE, LocalDate.parse(START), List.of(), List.of())), RULE);
		}
	}
}
