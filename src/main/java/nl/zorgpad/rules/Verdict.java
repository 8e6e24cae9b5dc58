package nl.zorgpad.rules;

import java.util.List;
import java.util.Objects;

/**
 * What a pathway rule says about a write: allowed, refused (with the rule id and what is missing), or
 * allowed with warnings. Pure domain type: no HAPI or Spring in here.
 */
public sealed interface Verdict {

	/** One finding of a rule, in Dutch (for the professional) and English (for the integrator). */
	record Finding(RuleId rule, String dutch, String english) {
		public Finding {
			Objects.requireNonNull(rule, "rule");
			Objects.requireNonNull(dutch, "dutch");
			Objects.requireNonNull(english, "english");
		}

		/** The rule's id as written outside the code, e.g. {@code ZP-R1}. */
		public String ruleId() {
			return rule.code();
		}

		public String message() {
			return dutch + " / " + english;
		}
	}

	record Allowed(List<Finding> warnings) implements Verdict {
		public Allowed {
			warnings = List.copyOf(warnings);
		}
	}

	record Refused(Finding reason) implements Verdict {}

	static Verdict allowed() {
		return new Allowed(List.of());
	}

	static Verdict warning(RuleId rule, String dutch, String english) {
		return new Allowed(List.of(new Finding(rule, dutch, english)));
	}

	static Verdict refused(RuleId rule, String dutch, String english) {
		return new Refused(new Finding(rule, dutch, english));
	}

	default boolean isRefused() {
		return this instanceof Refused;
	}
}
