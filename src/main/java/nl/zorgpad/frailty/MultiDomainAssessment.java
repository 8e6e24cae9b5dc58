package nl.zorgpad.frailty;

import java.util.Objects;
import java.util.Set;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-W2 (warning): status {@code kwetsbaar} without any multi-domain assessment (Trazag or GFI) on file. Allowed:
 * the professional judgement decides.
 */
@PureDomain
public final class MultiDomainAssessment {
	/** Questionnaire ids of the multi-domain assessments. */
	public static final Set<String> INSTRUMENTS = Set.of("trazag-start", "gfi");

	/**
	 * @param status the frailty status being written (null when none)
	 * @param instrumentsOnFile the Questionnaire ids (e.g. {@code gfi}) of the patient's completed responses
	 */
	public record Facts(FrailtyStatus status, Set<String> instrumentsOnFile) {
		public Facts {
			instrumentsOnFile = Set.copyOf(Objects.requireNonNullElse(instrumentsOnFile, Set.of()));
		}
	}

	private MultiDomainAssessment() {}

	public static Verdict evaluate(Facts facts) {
		boolean assessed = facts.instrumentsOnFile().stream().anyMatch(INSTRUMENTS::contains);
		if (facts.status() != FrailtyStatus.KWETSBAAR || assessed) {
			return Verdict.allowed();
		}
		return Verdict.warning(
				RuleId.W2,
				"Status kwetsbaar zonder multidomein-assessment: er is geen ingevulde Trazag ('trazag-start') of GFI"
						+ " ('gfi') vastgelegd.",
				"Status kwetsbaar without a multi-domain assessment: no completed Trazag ('trazag-start') or GFI"
						+ " ('gfi') response is on file.");
	}
}
