package nl.zorgpad.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import nl.zorgpad.rules.RuleId;
import org.junit.jupiter.api.Test;

class PathwayRulesTest {

	@Test
	void everyRuleButTheInstrumentTotal_isCheckedOnExactlyTheResourceTypesItDeclares() {
		for (RuleId rule : RuleId.values()) {
			Set<String> checked = PathwayRules.ALL.stream().filter(check -> check.rule() == rule)
					.map(check -> check.guards().getSimpleName()).collect(Collectors.toSet());
			if (rule == RuleId.R7) {
				assertThat(checked).as("ZP-R7 is applied where instrument responses are scored").isEmpty();
			} else {
				assertThat(checked).as(rule.code()).containsExactlyInAnyOrderElementsOf(rule.guards());
			}
		}
	}
}
