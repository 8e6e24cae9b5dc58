package nl.zorgpad.frailty;

import static nl.zorgpad.rules.VerdictAssertions.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetAgeTest {
	static List<Verdict.Finding> warningsFor(String birthDate, String episodeDate) {
		LocalDate born = birthDate == null ? null : LocalDate.parse(birthDate);
		return warnings(TargetAge.evaluate(new TargetAge.Facts(born, LocalDate.parse(episodeDate))));
	}

	@ParameterizedTest(name = "born {0}, episode {1}: warned {2}")
	@CsvSource({
		"1950-01-01, 2024-12-31, true",
		"1950-01-01, 2025-01-01, false",
		"1930-05-05, 2024-06-15, false",
		"1960-06-15, 2024-06-15, true"
	})
	void warnsOnlyForPatientsYoungerThan75_onTheEpisodeDate(String birthDate, String episodeDate, boolean warned) {
		assertThat(warningsFor(birthDate, episodeDate)).hasSize(warned ? 1 : 0);
	}

	@Test
	void warningNamesTheAgeAndTheTargetGroup() {
		Verdict.Finding warning = warningsFor("1950-01-01", "2024-12-31").get(0);

		assertThat(warning.ruleId()).isEqualTo("ZP-W1");
		assertThat(warning.dutch()).contains("74 jaar", "75+");
		assertThat(warning.english()).contains("74", "75+");
	}

	@Test
	void doesNotWarn_whenTheBirthDateIsUnknown() {
		assertThat(warningsFor(null, "2024-06-15")).isEmpty();
	}
}
