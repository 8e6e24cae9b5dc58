package nl.zorgpad.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgrammeTest {

	@Test
	void todayIsTheDutchDay_notTheUtcOne() {
		Clock halfPastMidnightInAmsterdam = Clock.fixed(Instant.parse("2026-11-30T23:30:00Z"), ZoneOffset.UTC);
		assertThat(Programme.today(halfPastMidnightInAmsterdam)).isEqualTo(LocalDate.of(2026, 12, 1));
	}

	@Test
	void aPinnedDay_isTodayOnTheServersClock_andTheRealDayOtherwise() {
		assertThat(Programme.today(Programme.clock(LocalDate.of(2028, 2, 29)))).isEqualTo(LocalDate.of(2028, 2, 29));
		assertThat(Programme.today(Programme.clock(null))).isEqualTo(Programme.today(Programme.systemClock()));
	}

	@Test
	void everyRuleIdReadsBackFromItsCode() {
		for (RuleId rule : RuleId.values()) {
			assertThat(RuleId.fromCode(rule.code())).contains(rule);
		}
		assertThat(RuleId.fromCode("ZP-R9")).isEmpty();
	}
}
