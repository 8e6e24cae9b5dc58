package nl.zorgpad.frailty;

import static nl.zorgpad.rules.VerdictAssertions.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiDomainAssessmentTest {
	static List<Verdict.Finding> warningsFor(FrailtyStatus status, String instruments) {
		Set<String> onFile = instruments.isBlank() ? Set.of() : Set.of(instruments.split(" "));
		return warnings(MultiDomainAssessment.evaluate(new MultiDomainAssessment.Facts(status, onFile)));
	}

	@ParameterizedTest(name = "{0} with [{1}]: warned {2}")
	@CsvSource({
		"KWETSBAAR, '', true",
		"KWETSBAAR, mmse ediz, true",
		"KWETSBAAR, trazag-start, false",
		"KWETSBAAR, gfi, false",
		"KWETSBAAR, mmse gfi, false",
		"COMPLEX_KWETSBAAR, '', false",
		"MOGELIJK_KWETSBAAR, '', false",
		"NIET_KWETSBAAR, '', false"
	})
	void warnsForFrail_withoutTrazagOrGfiOnFile(FrailtyStatus status, String instruments, boolean warned) {
		assertThat(warningsFor(status, instruments)).hasSize(warned ? 1 : 0);
	}

	@Test
	void warningNamesTheInstrumentsToRecord() {
		Verdict.Finding warning = warningsFor(FrailtyStatus.KWETSBAAR, "").get(0);

		assertThat(warning.ruleId()).isEqualTo("ZP-W2");
		assertThat(warning.dutch()).contains("trazag-start", "gfi");
		assertThat(warning.english()).contains("trazag-start", "gfi");
	}
}
