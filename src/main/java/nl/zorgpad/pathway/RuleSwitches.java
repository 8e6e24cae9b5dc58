package nl.zorgpad.pathway;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which pathway rules run. All do by default; a region that does not use the GZSP trajectory sets
 * {@code zorgpad.rules.disabled: ZP-R6} (or {@code ZORGPAD_RULES_DISABLED=ZP-R6}).
 *
 * @param disabled rule ids that are switched off
 */
@ConfigurationProperties("zorgpad.rules")
public record RuleSwitches(@DefaultValue List<String> disabled) {
	static final List<String> ALL = List.of("ZP-R1", "ZP-R2", "ZP-R3", "ZP-R4", "ZP-R5", "ZP-R6", "ZP-R7", "ZP-R8", "ZP-W1", "ZP-W2");

	public RuleSwitches {
		disabled = List.copyOf(disabled);
		Set<String> unknown = new java.util.HashSet<>(disabled);
		ALL.forEach(unknown::remove);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("zorgpad.rules.disabled names unknown rules: " + unknown);
		}
	}

	public boolean isOn(String ruleId) {
		return !disabled.contains(ruleId);
	}

	List<String> active() {
		return ALL.stream().filter(this::isOn).toList();
	}
}
