package nl.zorgpad.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule registry is the one list of rules: the shipped CodeSystem and the configuration switch follow it. */
class RuleIdTest {

	@Test
	void theShippedCodeSystemHoldsExactlyTheRegisteredRules_withTheirSeverity() throws IOException {
		JsonNode codeSystem = new ObjectMapper().readTree(Path.of("fhir-profiles/CodeSystem-pathway-rule.json").toFile());
		Map<String, String> shipped = new LinkedHashMap<>();
		codeSystem.get("concept").forEach(concept -> concept.get("property").forEach(property -> {
			if ("severity".equals(property.get("code").asText())) {
				shipped.put(concept.get("code").asText(), property.get("valueCode").asText());
			}
		}));
		Map<String, String> registered = new LinkedHashMap<>();
		Arrays.stream(RuleId.values()).forEach(rule ->
				registered.put(rule.code(), rule.kind() == RuleId.Kind.REFUSE ? "error" : "warning"));
		assertThat(shipped).containsExactlyEntriesOf(registered);
	}

	@Test
	void aSwitchedOffRuleIsOff_andTheOthersStayOn() {
		RuleSwitches switches = new RuleSwitches(List.of("ZP-R6", "ZP-W1"));
		assertThat(switches.isOn(RuleId.R6)).isFalse();
		assertThat(switches.isOn(RuleId.W1)).isFalse();
		assertThat(switches.active()).containsExactly(RuleId.R1, RuleId.R2, RuleId.R3, RuleId.R4, RuleId.R5,
				RuleId.R7, RuleId.R8, RuleId.W2);
	}

	@Test
	void anUnknownRuleInTheSwitch_stopsTheStart() {
		assertThatThrownBy(() -> new RuleSwitches(List.of("ZP-R9"))).hasMessageContaining("ZP-R9");
	}
}
