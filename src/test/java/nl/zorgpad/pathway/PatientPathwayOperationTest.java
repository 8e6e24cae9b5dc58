package nl.zorgpad.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatientPathwayOperationTest {

	@ParameterizedTest(name = "started {0}, today {1} -> next evaluation {2}")
	@CsvSource({
		"2026-01-10, 2026-02-01, 2026-04-10", // first evaluation 3 months after the start
		"2026-01-10, 2026-04-10, 2026-04-10",
		"2026-01-10, 2026-04-11, 2026-05-10", // then every month
		"2026-01-10, 2026-11-23, 2026-12-10"
	})
	void evaluatesAfterThreeMonths_thenMonthly(LocalDate start, LocalDate today, LocalDate expected) {
		assertThat(PatientPathwayOperation.nextEvaluation(start, today)).isEqualTo(expected);
	}
}
