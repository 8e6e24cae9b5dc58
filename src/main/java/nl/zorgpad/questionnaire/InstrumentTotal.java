package nl.zorgpad.questionnaire;

import java.math.BigDecimal;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-R7: a total score the client states in a completed instrument response must be the total its answers
 * give. A response without a stated total is scored by the server.
 */
@PureDomain
final class InstrumentTotal {
	private InstrumentTotal() {}

	/** @param stated the total the client wrote in item {@code total}, or null */
	record Facts(BigDecimal stated, int computed) {}

	static Verdict evaluate(Facts facts) {
		if (facts.stated() == null || facts.stated().compareTo(BigDecimal.valueOf(facts.computed())) == 0) {
			return Verdict.allowed();
		}
		String stated = facts.stated().toPlainString();
		return Verdict.refused(RuleId.R7,
				"De opgegeven totaalscore " + stated + " klopt niet met de antwoorden: de berekende totaalscore is "
						+ facts.computed() + ". Corrigeer het item 'total' of laat het weg.",
				"The stated total " + stated + " disagrees with the answers: the computed total is "
						+ facts.computed() + ". Correct item 'total' or leave it out.");
	}
}
