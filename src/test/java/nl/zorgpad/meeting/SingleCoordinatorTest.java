package nl.zorgpad.meeting;

import static nl.zorgpad.careteam.CareTeamRole.CASEMANAGER_DEMENTIE;
import static nl.zorgpad.careteam.CareTeamRole.COORDINATOR;
import static nl.zorgpad.careteam.CareTeamRole.HUISARTS;
import static nl.zorgpad.careteam.CareTeamRole.POH_OUDERENZORG;
import static nl.zorgpad.careteam.CareTeamRole.WIJKVERPLEEGKUNDIGE;
import static nl.zorgpad.rules.VerdictAssertions.assertAllowed;
import static nl.zorgpad.rules.VerdictAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.zorgpad.careteam.CareTeamMember;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SingleCoordinatorTest {
	static final String RULE = "ZP-R4";
	static final CareTeamMember POH = new CareTeamMember("POH Bakker", Set.of(POH_OUDERENZORG, COORDINATOR));
	static final CareTeamMember GP = new CareTeamMember("Dr. De Vries", Set.of(HUISARTS));
	static final CareTeamMember NURSE = new CareTeamMember("Wijkverpleging Noord", Set.of(WIJKVERPLEEGKUNDIGE));
	static final CareTeamMember CASEMANAGER =
			new CareTeamMember("Casemanager Smit", Set.of(CASEMANAGER_DEMENTIE, COORDINATOR));

	static Verdict evaluate(MeetingType type, MeetingStatus status, CareTeamMember... team) {
		Meeting meeting = new Meeting(type, status, LocalDate.parse("2024-06-15"), Set.of());
		return SingleCoordinator.evaluate(new SingleCoordinator.Facts(meeting, List.of(team)));
	}

	static Verdict finishedCoreTeamMeeting(CareTeamMember... team) {
		return evaluate(MeetingType.KERNTEAM_OVERLEG, MeetingStatus.FINISHED, team);
	}

	@Nested
	class FinishedCoreTeamMeeting {
		@Test
		void allowsMeeting_withExactlyOneCoordinator() {
			assertAllowed(finishedCoreTeamMeeting(POH, GP, NURSE));
		}

		@Test
		void refusesMeeting_withoutCoordinator_askingToAppointOne() {
			Verdict.Finding reason = refusal(finishedCoreTeamMeeting(GP, NURSE), RULE);

			assertThat(reason.dutch()).contains("geen coördinator", "Wijs eerst een coördinator aan");
			assertThat(reason.english()).contains("no coordinator", "Appoint a coordinator first");
		}

		@Test
		void refusesMeeting_withAnEmptyCoreTeam() {
			refusal(finishedCoreTeamMeeting(), RULE);
		}

		@Test
		void refusesMeeting_withTwoCoordinators_namingThem() {
			Verdict.Finding reason = refusal(finishedCoreTeamMeeting(POH, GP, CASEMANAGER), RULE);

			assertThat(reason.dutch()).contains("2 coördinatoren", "POH Bakker", "Casemanager Smit");
			assertThat(reason.english()).contains("2 coordinators (POH Bakker, Casemanager Smit)", "keep exactly one");
		}
	}

	@Nested
	class OtherMeetings {
		@ParameterizedTest
		@EnumSource(value = MeetingStatus.class, names = "FINISHED", mode = EnumSource.Mode.EXCLUDE)
		void allowsCoreTeamMeeting_notYetFinished_withoutCoordinator(MeetingStatus status) {
			assertAllowed(evaluate(MeetingType.KERNTEAM_OVERLEG, status, GP, NURSE));
		}

		@ParameterizedTest
		@EnumSource(value = MeetingType.class, names = "KERNTEAM_OVERLEG", mode = EnumSource.Mode.EXCLUDE)
		void allowsOtherFinishedMeetings_withoutCoordinator(MeetingType type) {
			assertAllowed(evaluate(type, MeetingStatus.FINISHED, GP, NURSE));
		}
	}
}
