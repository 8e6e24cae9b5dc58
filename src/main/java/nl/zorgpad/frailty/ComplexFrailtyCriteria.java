package nl.zorgpad.frailty;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import nl.zorgpad.careteam.CareTeamMember;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.questionnaire.ChecklistResponse;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Shortfalls;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-R3: a change into {@code complex-kwetsbaar} needs all five criteria (SPEC section 3): the latest completed
 * {@code complex-kwetsbaar-criteria} response of the last 12 months answers c1..c5 yes, and — criterion 4 — the
 * core team has a member whose discipline is outside the GP practice and district nursing. Any other change,
 * including back from complex-kwetsbaar, is allowed.
 */
@PureDomain
public final class ComplexFrailtyCriteria {
	public static final List<String> CRITERIA = List.of("c1", "c2", "c3", "c4", "c5");
	/** Criterion 4 asks for a provider "besides the GP and district nursing". */
	static final Set<CareTeamRole> GP_PRACTICE_AND_DISTRICT_NURSING =
			EnumSet.of(CareTeamRole.HUISARTS, CareTeamRole.POH_OUDERENZORG, CareTeamRole.WIJKVERPLEEGKUNDIGE);

	/**
	 * @param previous the episode's status before this write (null for a new episode)
	 * @param next the status being written
	 * @param changeDate the day of the change
	 * @param criteriaResponses the patient's {@code complex-kwetsbaar-criteria} responses (any status and date)
	 * @param coreTeam the current members of the patient's CareTeam
	 */
	public record Facts(
			FrailtyStatus previous,
			FrailtyStatus next,
			LocalDate changeDate,
			List<ChecklistResponse> criteriaResponses,
			List<CareTeamMember> coreTeam) {
		public Facts {
			Objects.requireNonNull(changeDate, "changeDate");
			criteriaResponses = List.copyOf(Objects.requireNonNullElse(criteriaResponses, List.of()));
			coreTeam = List.copyOf(Objects.requireNonNullElse(coreTeam, List.of()));
		}
	}

	private ComplexFrailtyCriteria() {}

	public static Verdict evaluate(Facts facts) {
		if (facts.next() != FrailtyStatus.COMPLEX_KWETSBAAR || facts.previous() == FrailtyStatus.COMPLEX_KWETSBAAR) {
			return Verdict.allowed();
		}
		Shortfalls missing = new Shortfalls();
		LocalDate oldestAllowed = facts.changeDate().minusMonths(12);
		Optional<ChecklistResponse> latest =
				ChecklistResponse.latestCompleted(facts.criteriaResponses(), oldestAllowed, facts.changeDate());
		if (latest.isEmpty()) {
			missing.add(
					"een ingevulde vragenlijst 'complex-kwetsbaar-criteria' (c1..c5) van " + oldestAllowed + " of later",
					"a completed 'complex-kwetsbaar-criteria' questionnaire response (c1..c5) authored on or after "
							+ oldestAllowed);
		} else {
			List<String> notYes = latest.get().notYes(CRITERIA);
			if (!notYes.isEmpty()) {
				String items = String.join(", ", notYes);
				String authored = latest.get().day().toString();
				missing.add(
						"criteria " + items + " met 'ja' beantwoord (in de vragenlijst 'complex-kwetsbaar-criteria' van "
								+ authored + " niet met ja beantwoord)",
						"criteria " + items + " answered yes (not answered yes in the 'complex-kwetsbaar-criteria'"
								+ " response of " + authored + ")");
			}
		}
		boolean otherProvider =
				facts.coreTeam().stream().anyMatch(m -> m.hasDisciplineOutside(GP_PRACTICE_AND_DISTRICT_NURSING));
		if (!otherProvider) {
			missing.add(
					"een lid van het kernteam (CareTeam) met een andere discipline dan huisartsenpraktijk"
							+ " (huisarts, poh-ouderenzorg) of wijkverpleging (wijkverpleegkundige) — criterium 4",
					"a core team (CareTeam) member with a discipline other than GP practice (huisarts,"
							+ " poh-ouderenzorg) or district nursing (wijkverpleegkundige) — criterion 4");
		}
		return missing.verdict(
				RuleId.R3,
				"Status complex-kwetsbaar vraagt eerst: ",
				"Status complex-kwetsbaar first needs: ");
	}
}
