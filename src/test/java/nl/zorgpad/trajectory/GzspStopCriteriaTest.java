package nl.zorgpad.trajectory;

import static nl.zorgpad.rules.VerdictAssertions.assertAllowed;
import static nl.zorgpad.rules.VerdictAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.zorgpad.questionnaire.ChecklistResponse;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GzspStopCriteriaTest {
	static final String RULE = "ZP-R6";
	static final LocalDate STARTED = LocalDate.parse("2024-01-15");
	static final LocalDate FINISHED = LocalDate.parse("2024-09-30");

	/** A completed gzsp-stop response answering s1..s4 yes, except the given items. */
	static ChecklistResponse stop(String authored, Map<String, Boolean> overrides) {
		Map<String, Boolean> answers = new HashMap<>();
		GzspStopCriteria.STOP_CRITERIA.forEach(item -> answers.put(item, true));
		answers.putAll(overrides);
		return new ChecklistResponse(LocalDate.parse(authored), true, answers);
	}

	static Verdict finish(ChecklistResponse... responses) {
		return GzspStopCriteria.evaluate(new GzspStopCriteria.Facts(
				TrajectoryStatus.ACTIVE, TrajectoryStatus.FINISHED, STARTED, FINISHED, List.of(responses)));
	}

	@Nested
	class Finishing {
		@Test
		void allowsFinishing_withAllFourStopCriteriaMet() {
			assertAllowed(finish(stop("2024-09-20", Map.of())));
		}

		@Test
		void refusesFinishing_withoutStopResponse_namingTheQuestionnaire() {
			Verdict.Finding reason = refusal(finish(), RULE);

			assertThat(reason.dutch()).contains("stopcriteria", "gzsp-stop", "2024-01-15");
			assertThat(reason.english()).contains("Record the stop criteria first", "'gzsp-stop'", "(s1..s4)");
		}

		@Test
		void refusesFinishing_withAStopResponseFromBeforeThisTrajectory() {
			refusal(finish(stop("2023-06-01", Map.of())), RULE);
		}

		@Test
		void refusesFinishing_whenTheStopResponseIsNotCompleted() {
			ChecklistResponse draft = new ChecklistResponse(FINISHED, false, stop("2024-09-20", Map.of()).answers());

			refusal(finish(draft), RULE);
		}

		@ParameterizedTest
		@ValueSource(strings = {"s1", "s2", "s3", "s4"})
		void refusesFinishing_whenAStopCriterionIsNotMet_namingIt(String item) {
			Verdict.Finding reason = refusal(finish(stop("2024-09-20", Map.of(item, false))), RULE);

			assertThat(reason.english()).contains("stop criteria " + item + " are not answered yes", "2024-09-20");
		}

		@Test
		void readsTheLatestStopResponse() {
			assertAllowed(finish(stop("2024-06-01", Map.of("s2", false)), stop("2024-09-20", Map.of())));
		}
	}

	@Nested
	class OnlyTheChangeIntoFinished {
		@ParameterizedTest
		@EnumSource(value = TrajectoryStatus.class, names = "FINISHED", mode = EnumSource.Mode.EXCLUDE)
		void allowsOtherStatuses_withoutStopCriteria(TrajectoryStatus next) {
			assertAllowed(GzspStopCriteria.evaluate(
					new GzspStopCriteria.Facts(TrajectoryStatus.ACTIVE, next, STARTED, FINISHED, List.of())));
		}

		@Test
		void allowsRewritingAFinishedTrajectory() {
			assertAllowed(GzspStopCriteria.evaluate(new GzspStopCriteria.Facts(
					TrajectoryStatus.FINISHED, TrajectoryStatus.FINISHED, STARTED, FINISHED, List.of())));
		}
	}
}
