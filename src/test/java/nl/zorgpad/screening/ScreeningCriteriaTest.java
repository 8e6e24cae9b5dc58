package nl.zorgpad.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ScreeningCriteriaTest {
	private static final LocalDate DATE = LocalDate.of(2026, 11, 23);

	@Test
	void patientsBornOnOrBeforeTheDateMinusMinAge_areOldEnough() {
		ScreeningCriteria criteria = new ScreeningCriteria(75, DATE, null, null, null);

		assertThat(criteria.bornOnOrBefore()).isEqualTo("1951-11-23");
		assertThat(ScreeningCriteria.age(LocalDate.of(1951, 11, 23), DATE)).isEqualTo(75);
		assertThat(ScreeningCriteria.age(LocalDate.of(1951, 11, 24), DATE)).isEqualTo(74);
	}

	@Test
	void notSeenMonths_countsBackFromTheDate_andIsOffWithoutTheFilter() {
		assertThat(new ScreeningCriteria(75, DATE, null, 12, null).seenAfter()).isEqualTo("2025-11-23");
		assertThat(new ScreeningCriteria(75, DATE, null, null, null).seenAfter()).isNull();
	}

	@Test
	void keepsPatientsWithEnoughMedications_andNoContactSinceTheCutOff() {
		ScreeningCriteria both = new ScreeningCriteria(75, DATE, 5, 12, null);

		assertThat(both.keeps(5, LocalDate.of(2025, 11, 23))).isTrue();
		assertThat(both.keeps(5, null)).isTrue();
		assertThat(both.keeps(4, null)).isFalse();
		assertThat(both.keeps(9, LocalDate.of(2025, 11, 24))).isFalse();
		assertThat(new ScreeningCriteria(75, DATE, null, null, null).keeps(0, DATE)).isTrue();
	}

	@Test
	void refusesValuesThatCannotBeMeant_namingTheParameter() {
		assertThatThrownBy(() -> new ScreeningCriteria(-1, DATE, null, null, null)).hasMessageContaining("minAge");
		assertThatThrownBy(() -> new ScreeningCriteria(75, DATE, -2, null, null)).hasMessageContaining("minMedications");
		assertThatThrownBy(() -> new ScreeningCriteria(75, DATE, null, 0, null)).hasMessageContaining("notSeenMonths");
		assertThatThrownBy(() -> new ScreeningCriteria(75, null, null, null, null)).hasMessageContaining("date");
	}

	@Test
	void acceptsEveryValueUpToTheEdges_andNothingBeyond() {
		new ScreeningCriteria(0, DATE, 0, 1, null);
		new ScreeningCriteria(130, DATE, null, 240, null);
		assertThatThrownBy(() -> new ScreeningCriteria(-1, DATE, null, null, null)).hasMessageContaining("minAge");
		assertThatThrownBy(() -> new ScreeningCriteria(131, DATE, null, null, null)).hasMessageContaining("minAge");
		assertThatThrownBy(() -> new ScreeningCriteria(75, DATE, -1, null, null)).hasMessageContaining("minMedications");
		assertThatThrownBy(() -> new ScreeningCriteria(75, DATE, null, 0, null)).hasMessageContaining("notSeenMonths");
		assertThatThrownBy(() -> new ScreeningCriteria(75, DATE, null, 241, null)).hasMessageContaining("notSeenMonths");
		assertThatThrownBy(() -> new ScreeningCriteria(75, null, null, null, null)).hasMessageContaining("date");
	}
}
