package nl.zorgpad.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Small assertions for rule tests: what a verdict refused with, or warned about. */
public final class VerdictAssertions {
	private VerdictAssertions() {}

	/** Asserts a refusal by {@code ruleId} and returns its finding, for checks on the message. */
	public static Verdict.Finding refusal(Verdict verdict, String ruleId) {
		assertThat(verdict).isInstanceOf(Verdict.Refused.class);
		Verdict.Finding reason = ((Verdict.Refused) verdict).reason();
		assertThat(reason.ruleId()).isEqualTo(ruleId);
		return reason;
	}

	/** Asserts an allowed verdict and returns its warnings. */
	public static List<Verdict.Finding> warnings(Verdict verdict) {
		assertThat(verdict).isInstanceOf(Verdict.Allowed.class);
		return ((Verdict.Allowed) verdict).warnings();
	}

	public static void assertAllowed(Verdict verdict) {
		assertThat(warnings(verdict)).isEmpty();
	}
}
