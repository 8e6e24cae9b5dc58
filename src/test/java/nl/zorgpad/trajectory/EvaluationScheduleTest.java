package nl.zorgpad.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluationScheduleTest {

	@ParameterizedTest(name = "started {0}, last evaluated {1} -> next evaluation {2}")
	@CsvSource(nullValues = "none", value = {
		"2026-01-10, none,       2026-04-10", // first evaluation 3 months after the start
		"2026-01-10, 2026-04-12, 2026-05-12", // then a month after the last recorded one
		"2026-01-10, 2026-09-03, 2026-10-03",
		"2026-01-10, 2026-02-01, 2026-04-10", // an early evaluation does not bring the first one forward
		"2026-01-10, 2025-12-01, 2026-04-10"  // an evaluation of an earlier trajectory does not count
	})
	void isDueThreeMonthsAfterTheStart_thenAMonthAfterTheLastRecordedEvaluation(
			LocalDate start, LocalDate lastEvaluation, LocalDate expected) {
		assertThat(EvaluationSchedule.next(start, lastEvaluation)).isEqualTo(expected);
	}
}
