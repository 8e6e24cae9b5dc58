package nl.zorgpad.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueTest {
	private static LocalDate day(String iso) {
		return iso == null ? null : LocalDate.parse(iso);
	}

	@ParameterizedTest(name = "last MDO {0}, on {1}: due {2}")
	@CsvSource({
		", 2026-11-23, true",
		"2025-11-23, 2026-11-23, true",
		"2025-11-24, 2026-11-23, false",
		"2026-06-01, 2026-11-23, false"
	})
	void mdoIsDue_whenNoneWasHeldInTheTwelveMonthsUpToTheDate(String lastMdo, String date, boolean due) {
		assertThat(Due.mdo(day(lastMdo), day(date))).isEqualTo(due);
	}

	@Test
	void nextMdo_isAYearAfterTheLast_orAtOnceWithoutOne() {
		assertThat(Due.nextMdo(day("2025-03-10"), day("2024-01-01"))).isEqualTo("2026-03-10");
		assertThat(Due.nextMdo(null, day("2024-01-01"))).isEqualTo("2024-01-01");
	}

	@ParameterizedTest(name = "start {0}, last evaluation {1}, on {2}: due {3}")
	@CsvSource({
		"2026-01-10, , 2026-04-09, ",
		"2026-01-10, , 2026-04-10, 2026-04-10",
		"2026-01-10, 2026-04-12, 2026-05-11, ",
		"2026-01-10, 2026-04-12, 2026-05-12, 2026-05-12",
		"2026-01-10, 2026-02-01, 2026-04-10, 2026-04-10",
		"2026-01-10, 2025-12-01, 2026-04-10, 2026-04-10"
	})
	void evaluationIsDue_threeMonthsAfterTheStart_thenAMonthAfterTheLastOne(
			String start, String lastEvaluation, String date, String due) {
		assertThat(Due.evaluation(day(start), day(lastEvaluation), day(date))).isEqualTo(java.util.Optional.ofNullable(day(due)));
	}

	@ParameterizedTest(name = "given {0}, on {1}: review {2}")
	@CsvSource({
		"2025-11-23, 2026-11-23, true",
		"2025-11-24, 2026-11-23, false",
		", 2026-11-23, false"
	})
	void consentIsReviewed_onceItIsTwelveMonthsOld(String given, String date, boolean due) {
		assertThat(Due.consentReview(day(given), day(date))).isEqualTo(due);
	}

	@Test
	void anOpenTaskIsOverdue_fromTheDayAfterItsDueDate() {
		LocalDate due = LocalDate.of(2026, 11, 30);
		assertThat(Due.taskOverdue(due, due)).isFalse();
		assertThat(Due.taskOverdue(due, due.plusDays(1))).isTrue();
		assertThat(Due.taskOverdue(null, due)).isFalse();
	}

	@Test
	void theDayOfAFhirDateTime_isTheDayAsWritten() {
		assertThat(Due.day("2026-11-30T23:30:00+01:00")).isEqualTo(LocalDate.of(2026, 11, 30));
		assertThat(Due.day("2026-11-30")).isEqualTo(LocalDate.of(2026, 11, 30));
		assertThat(Due.day("2026-11")).isNull();
		assertThat(Due.day(null)).isNull();
	}
}
