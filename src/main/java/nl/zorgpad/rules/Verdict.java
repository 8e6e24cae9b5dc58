package nl.zorgpad.rules;

import java.util.List;
import java.util.Objects;

/**
 * What a pathway rule says about a write: allowed, refused (with the rule id and what is missing), or
 * allowed with warnings. Pure domain type: no HAPI or Spring in here.
 */
public sealed interface Verdict {

	/** One finding of a rule, in Dutch (for the professional) and English (for the integrator). */
	record Finding(String ruleId, String dutch, String english) {
		public Finding {
			Objects.requireNonNull(ruleId, "ruleId");
			Objects.requireNonNull(dutch, "dutch");
			Objects.requireNonNull(english, "english");
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

	static Verdict warning(String ruleId, String dutch, String english) {
		return new Allowed(List.of(new Finding(ruleId, dutch, english)));
	}

	static Verdict refused(String ruleId, String dutch, String english) {
		return new Refused(new Finding(ruleId, dutch, english));
	}

	default boolean isRefused() {
		return this instanceof Refused;
	}
}
