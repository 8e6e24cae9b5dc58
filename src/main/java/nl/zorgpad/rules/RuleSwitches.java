package nl.zorgpad.rules;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which pathway rules run. All do by default; a region that does not use the GZSP trajectory sets
 * {@code zorgpad.rules.disabled: ZP-R6} (or {@code ZORGPAD_RULES_DISABLED=ZP-R6}). An unknown id stops the
 * start-up, so a typo never leaves a rule on that was meant to be off.
 *
 * @param disabled rule ids ({@link RuleId#code()}) that are switched off
 */
@ConfigurationProperties("zorgpad.rules")
public record RuleSwitches(@DefaultValue List<String> disabled) {

	public RuleSwitches {
		disabled = List.copyOf(disabled);
		Set<String> unknown = new HashSet<>(disabled);
		Arrays.stream(RuleId.values()).map(RuleId::code).forEach(unknown::remove);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("zorgpad.rules.disabled names unknown rules: " + unknown);
		}
	}

	public boolean isOn(RuleId rule) {
		return !disabled.contains(rule.code());
	}

	/** The rules that run, in registry order. */
	public List<RuleId> active() {
		return Arrays.stream(RuleId.values()).filter(this::isOn).toList();
	}
}
