package nl.zorgpad.frailty;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;

/** ZP-W1 (warning): a frailty episode for a patient younger than 75 on the episode date; the target group is 75+. */
@PureDomain
public final class TargetAge {

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
		if (age >= Programme.TARGET_AGE) {
			return Verdict.allowed();
		}
		return Verdict.warning(
				RuleId.W1,
				"De patiënt is " + age + " jaar op " + facts.episodeDate() + "; de doelgroep van het zorgprogramma is "
						+ Programme.TARGET_AGE + "+.",
				"The patient is " + age + " on " + facts.episodeDate() + "; the programme's target group is "
						+ Programme.TARGET_AGE + "+.");
	}
}
