package nl.zorgpad.rules;

import java.util.ArrayList;
import java.util.List;

/** Collects everything a rule finds missing, so that one refusal names all of it (in Dutch and English). */
@PureDomain
public final class Shortfalls {
	private final List<String> dutch = new ArrayList<>();
	private final List<String> english = new ArrayList<>();

	public Shortfalls add(String dutchText, String englishText) {
		dutch.add(dutchText);
		english.add(englishText);
		return this;
	}

	/** Allowed when nothing is missing; otherwise refused with the lead-in followed by the missing items. */
	public Verdict verdict(RuleId rule, String dutchLeadIn, String englishLeadIn) {
		if (dutch.isEmpty()) {
			return Verdict.allowed();
		}
		return Verdict.refused(
				rule, dutchLeadIn + String.join("; ", dutch) + ".", englishLeadIn + String.join("; ", english) + ".");
	}
}
