package nl.zorgpad.questionnaire;

import static nl.zorgpad.rules.VerdictAssertions.assertAllowed;
import static nl.zorgpad.rules.VerdictAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class InstrumentTotalTest {

	@Test
	void aStatedTotalThatIsTheComputedOne_orNoStatedTotal_isAllowed() {
		assertAllowed(InstrumentTotal.evaluate(new InstrumentTotal.Facts(new BigDecimal("7.0"), 7)));
		assertAllowed(InstrumentTotal.evaluate(new InstrumentTotal.Facts(null, 7)));
	}

	@Test
	void aStatedTotalThatDisagrees_isRefusedWithBothTotals() {
		String message = refusal(InstrumentTotal.evaluate(new InstrumentTotal.Facts(new BigDecimal("9"), 7)), "ZP-R7")
				.message();
		assertThat(message).contains("9").contains("7").contains("total");
	}
}
