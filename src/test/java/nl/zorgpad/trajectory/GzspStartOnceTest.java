package nl.zorgpad.trajectory;

import static nl.zorgpad.rules.VerdictAssertions.assertAllowed;
import static nl.zorgpad.rules.VerdictAssertions.refusal;
import static nl.zorgpad.trajectory.TrajectoryPhase.STARTFASE;
import static nl.zorgpad.trajectory.TrajectoryPhase.VERVOLGFASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GzspStartOnceTest {
	static final String RULE = "ZP-R6";
	static final Trajectory EARLIER_START = new Trajectory("41", STARTFASE, TrajectoryStatus.FINISHED);

	static Verdict evaluate(TrajectoryPhase phase, String previous, Trajectory... others) {
		return GzspStartOnce.evaluate(new GzspStartOnce.Facts(phase, TrajectoryStatus.PLANNED, previous, List.of(others)));
	}

	@Nested
	class StartPhase {
		@Test
		void allowsFirstStartPhase() {
			assertAllowed(evaluate(STARTFASE, null));
		}

		@Test
		void refusesSecondStartPhase_namingTheEarlierOne_andTheFollowOnPhase() {
			Verdict.Finding reason = refusal(evaluate(STARTFASE, null, EARLIER_START), RULE);

			assertThat(reason.dutch()).contains("zorgtraject 41", "vervolgfase");
			assertThat(reason.english()).contains("trajectory 41", "Use the follow-on phase (vervolgfase)");
		}

		@ParameterizedTest
		@EnumSource(value = TrajectoryStatus.class, names = {"CANCELLED", "ENTERED_IN_ERROR"})
		void allowsStartPhase_whenTheEarlierOneNeverTookPlace(TrajectoryStatus status) {
			assertAllowed(evaluate(STARTFASE, null, new Trajectory("41", STARTFASE, status)));
		}

		@Test
		void allowsStartPhase_nextToAnEarlierFollowOnPhaseOnly() {
			assertAllowed(evaluate(STARTFASE, null, new Trajectory("42", VERVOLGFASE, TrajectoryStatus.FINISHED)));
		}

		@ParameterizedTest
		@EnumSource(value = TrajectoryStatus.class, names = {"CANCELLED", "ENTERED_IN_ERROR"})
		void allowsVoidingADuplicateStartPhase(TrajectoryStatus status) {
			assertAllowed(GzspStartOnce.evaluate(new GzspStartOnce.Facts(STARTFASE, status, null, List.of(EARLIER_START))));
		}
	}

	@Nested
	class FollowOnPhase {
		@Test
		void allowsFollowOnPhase_referencingTheEarlierTrajectory() {
			assertAllowed(evaluate(VERVOLGFASE, "41", EARLIER_START));
		}

		@Test
		void refusesFollowOnPhase_withoutReference_namingTheExtension() {
			Verdict.Finding reason = refusal(evaluate(VERVOLGFASE, null, EARLIER_START), RULE);

			assertThat(reason.english()).contains("references the patient's earlier trajectory", "zp-previous-trajectory");
		}

		@Test
		void refusesFollowOnPhase_referencingATrajectoryThatIsNotAnEarlierOneOfThePatient() {
			Verdict.Finding reason = refusal(evaluate(VERVOLGFASE, "99", EARLIER_START), RULE);

			assertThat(reason.english()).contains("trajectory 99", "not an earlier trajectory");
		}

		@Test
		void refusesFollowOnPhase_referencingACancelledTrajectory() {
			refusal(evaluate(VERVOLGFASE, "41", new Trajectory("41", STARTFASE, TrajectoryStatus.CANCELLED)), RULE);
		}
	}

	@Test
	void refusesTrajectory_withoutPhase_namingBothPhases() {
		Verdict.Finding reason = refusal(evaluate(null, null), RULE);

		assertThat(reason.english()).contains("Record the trajectory phase: startfase or vervolgfase");
	}
}
