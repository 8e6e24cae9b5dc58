package nl.zorgpad.frailty;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleIds;
import nl.zorgpad.rules.Verdict;

/** ZP-W1 (warning): a frailty episode for a patient younger than 75 on the episode date; the target group is 75+. */
@PureDomain
public final class TargetAge {
	public static final int TARGET_AGE = 75;

	/**
	 * @param birthDate Patient.birthDate (null when unknown: no warning)
	 * @param episodeDate the day of the frailty episode (onset, else recorded date)
	 */
	public record Facts(LocalDate birthDate, LocalDate episodeDate) {
		public Facts {
			Objects.requireNonNull(episodeDate, "episodeDate");
		}
	}

	private TargetAge() {}

	public static Verdict evaluate(Facts facts) {
		if (facts.birthDate() == null) {
			return Verdict.allowed();
		}
		int age = Period.between(facts.birthDate(), facts.episodeDate()).getYears();
		if (age >= TARGET_AGE) {
			return Verdict.allowed();
		}
		return Verdict.warning(
				RuleIds.W1_TARGET_AGE,
				"De patiënt is " + age + " jaar op " + facts.episodeDate() + "; de doelgroep van het zorgprogramma is "
						+ TARGET_AGE + "+.",
				"The patient is " + age + " on " + facts.episodeDate() + "; the programme's target group is "
						+ TARGET_AGE + "+.");
	}
}
