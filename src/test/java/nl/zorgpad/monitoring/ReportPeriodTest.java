package nl.zorgpad.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
	@Test
	void coversTheHalfYearUpToAndIncludingTheDate() {
		ReportPeriod period = new ReportPeriod(LocalDate.of(2026, 6, 30));

		assertThat(period.start()).isEqualTo("2026-01-01");
		assertThat(new ReportPeriod(LocalDate.of(2026, 12, 31)).start()).isEqualTo("2026-07-01");
	}

	@Test
	void fundingCategory_countsPatients75PlusOnJanuaryFirstOfThatYear() {
		ReportPeriod period = new ReportPeriod(LocalDate.of(2026, 11, 23));

		assertThat(period.januaryFirst()).isEqualTo("2026-01-01");
		assertThat(period.born75OnJanuaryFirst()).isEqualTo("1951-01-01");
	}

	@Test
	void shareIsAPercentageWithOneDecimal_andZeroForAnEmptyPractice() {
		assertThat(ReportPeriod.share(1, 3)).isEqualTo(33.3);
		assertThat(ReportPeriod.share(2, 3)).isEqualTo(66.7);
		assertThat(ReportPeriod.share(0, 0)).isZero();
	}
}
