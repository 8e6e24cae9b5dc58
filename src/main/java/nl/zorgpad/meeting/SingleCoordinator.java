package nl.zorgpad.meeting;

import java.util.List;
import java.util.Objects;
import nl.zorgpad.careteam.CareTeamMember;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;

/** ZP-R4: a finished {@code kernteam-overleg} needs the patient's core team to have exactly one coordinator. */
@PureDomain
public final class SingleCoordinator {
	private static final RuleId RULE = RuleId.R4;

	/**
	 * @param meeting the Encounter being written
	 * @param coreTeam the current members of the patient's CareTeam
	 */
	public record Facts(Meeting meeting, List<CareTeamMember> coreTeam) {
		public Facts {
			Objects.requireNonNull(meeting, "meeting");
			coreTeam = List.copyOf(Objects.requireNonNullElse(coreTeam, List.of()));
		}
	}

	private SingleCoordinator() {}

	public static Verdict evaluate(Facts facts) {
		if (facts.meeting().type() != MeetingType.KERNTEAM_OVERLEG || !facts.meeting().isHeld()) {
			return Verdict.allowed();
		}
		List<String> coordinators = facts.coreTeam().stream()
				.filter(CareTeamMember::isCoordinator)
				.map(CareTeamMember::name)
				.toList();
		if (coordinators.size() == 1) {
			return Verdict.allowed();
		}
		if (coordinators.isEmpty()) {
			return Verdict.refused(
					RULE,
					"Het kernteam van de patiënt heeft geen coördinator. Wijs eerst een coördinator aan (CareTeam-lid"
							+ " met rol 'coordinator').",
					"The patient's core team has no coordinator. Appoint a coordinator first (a CareTeam member with"
							+ " role 'coordinator').");
		}
		String names = String.join(", ", coordinators);
		return Verdict.refused(
				RULE,
				"Het kernteam van de patiënt heeft " + coordinators.size() + " coördinatoren (" + names
						+ "); houd er precies één over met rol 'coordinator'.",
				"The patient's core team has " + coordinators.size() + " coordinators (" + names
						+ "); keep exactly one with role 'coordinator'.");
	}
}
