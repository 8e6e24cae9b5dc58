package nl.zorgpad.careplan;

import static nl.zorgpad.frailty.FrailtyStatus.COMPLEX_KWETSBAAR;
import static nl.zorgpad.rules.VerdictAssertions.assertAllowed;
import static nl.zorgpad.rules.VerdictAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.zorgpad.careplan.MdoNeedsCarePlan.Action;
import nl.zorgpad.careplan.MdoNeedsCarePlan.Plan;
import nl.zorgpad.frailty.FrailtyStatus;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.meeting.MeetingStatus;
import nl.zorgpad.meeting.MeetingType;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MdoNeedsCarePlanTest {
	static final String RULE = "ZP-R5";
	static final Action FALLS = new Action("Valpreventie", "Fysiotherapeut Jansen", "routine");
	static final Action MEDICATION = new Action("Medicatiebeoordeling", "Apotheek Centrum", "urgent");
	static final Plan COMPLETE_PLAN = new Plan(List.of(FALLS, MEDICATION));

	static Meeting meeting(MeetingType type, MeetingStatus status) {
		return new Meeting(type, status, LocalDate.parse("2024-06-15"), Set.of());
	}

	static Verdict evaluate(FrailtyStatus frailty, Plan plan) {
		Meeting broadMdo = meeting(MeetingType.BREED_MDO, MeetingStatus.PLANNED);
		return MdoNeedsCarePlan.evaluate(new MdoNeedsCarePlan.Facts(broadMdo, frailty, plan));
	}

	@Test
	void allowsBroadMdo_forComplexFrail_withAnActivePlanWhoseActionsAreComplete() {
		assertAllowed(evaluate(COMPLEX_KWETSBAAR, COMPLETE_PLAN));
	}

	@Test
	void allowsBroadMdo_whenThePlanHasNoActionsYet() {
		assertAllowed(evaluate(COMPLEX_KWETSBAAR, new Plan(List.of())));
	}

	@Nested
	class PatientAndPlan {
		@ParameterizedTest
		@NullSource
		@EnumSource(value = FrailtyStatus.class, names = "COMPLEX_KWETSBAAR", mode = EnumSource.Mode.EXCLUDE)
		void refusesBroadMdo_whenPatientIsNotComplexFrail(FrailtyStatus status) {
			Verdict.Finding reason = refusal(evaluate(status, COMPLETE_PLAN), RULE);

			assertThat(reason.dutch()).contains("status complex-kwetsbaar");
			assertThat(reason.english()).contains("frailty status complex-kwetsbaar");
		}

		@Test
		void refusesBroadMdo_withoutAnActiveCarePlan() {
			Verdict.Finding reason = refusal(evaluate(COMPLEX_KWETSBAAR, null), RULE);

			assertThat(reason.dutch()).contains("actief gezondheidsplan");
			assertThat(reason.english()).contains("an active care plan (CarePlan gezondheidsplan");
		}

		@Test
		void namesBothMissingPieces() {
			Verdict.Finding reason = refusal(evaluate(FrailtyStatus.KWETSBAAR, null), RULE);

			assertThat(reason.english()).contains("complex-kwetsbaar", "gezondheidsplan");
		}
	}

	@Nested
	class PlanActions {
		@Test
		void refusesBroadMdo_whenAnActionHasNoResponsibleMember_namingTheAction() {
			Plan plan = new Plan(List.of(FALLS, new Action("Medicatiebeoordeling", null, "urgent")));

			Verdict.Finding reason = refusal(evaluate(COMPLEX_KWETSBAAR, plan), RULE);

			assertThat(reason.dutch()).contains("bij actie 2 'Medicatiebeoordeling' een verantwoordelijke");
			assertThat(reason.english()).contains("for action 2 'Medicatiebeoordeling' a responsible member")
					.doesNotContain("action 1");
		}

		@ParameterizedTest
		@NullSource
		@ValueSource(strings = {"", "hoog", "URGENT"})
		void refusesBroadMdo_whenAnActionHasNoValidUrgency(String urgency) {
			Plan plan = new Plan(List.of(new Action("Valpreventie", "Fysiotherapeut Jansen", urgency)));

			Verdict.Finding reason = refusal(evaluate(COMPLEX_KWETSBAAR, plan), RULE);

			assertThat(reason.english()).contains("for action 1 'Valpreventie' an urgency (routine, urgent, asap or stat)");
		}

		@ParameterizedTest
		@ValueSource(strings = {"routine", "urgent", "asap", "stat"})
		void acceptsEveryRequestPriority_asUrgency(String urgency) {
			assertAllowed(evaluate(COMPLEX_KWETSBAAR, new Plan(List.of(new Action("Actie", "POH", urgency)))));
		}

		@Test
		void namesAnActionWithoutDescription_byItsNumber_andEverythingItLacks() {
			Plan plan = new Plan(List.of(FALLS, MEDICATION, new Action(null, " ", null)));

			Verdict.Finding reason = refusal(evaluate(COMPLEX_KWETSBAAR, plan), RULE);

			assertThat(reason.english()).contains("for action 3 a responsible member (performer/owner) and an urgency");
		}
	}

	@Nested
	class OtherMeetings {
		@ParameterizedTest
		@EnumSource(value = MeetingType.class, names = "BREED_MDO", mode = EnumSource.Mode.EXCLUDE)
		void allowsOtherMeetingTypes_withoutCarePlan(MeetingType type) {
			Meeting other = meeting(type, MeetingStatus.FINISHED);
			assertAllowed(MdoNeedsCarePlan.evaluate(new MdoNeedsCarePlan.Facts(other, FrailtyStatus.KWETSBAAR, null)));
		}

		@Test
		void allowsCancelledBroadMdo_withoutCarePlan() {
			Meeting cancelled = meeting(MeetingType.BREED_MDO, MeetingStatus.CANCELLED);
			assertAllowed(MdoNeedsCarePlan.evaluate(new MdoNeedsCarePlan.Facts(cancelled, null, null)));
		}

		@ParameterizedTest
		@EnumSource(value = MeetingStatus.class, names = "CANCELLED", mode = EnumSource.Mode.EXCLUDE)
		void checksBroadMdo_inEveryStatusButCancelled(MeetingStatus status) {
			Meeting broadMdo = meeting(MeetingType.BREED_MDO, status);
			refusal(MdoNeedsCarePlan.evaluate(new MdoNeedsCarePlan.Facts(broadMdo, COMPLEX_KWETSBAAR, null)), RULE);
		}
	}
}
