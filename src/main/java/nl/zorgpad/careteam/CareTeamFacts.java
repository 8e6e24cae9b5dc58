package nl.zorgpad.careteam;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

/** How CareTeams and PractitionerRoles read as the patient's core team and its members' disciplines. */
public final class CareTeamFacts {
	private CareTeamFacts() {}

	/** The disciplines a PractitionerRole has (its care-team-role codes). */
	public static Set<CareTeamRole> disciplinesOf(PractitionerRole role) {
		Set<CareTeamRole> disciplines = EnumSet.noneOf(CareTeamRole.class);
		role.getCode().stream().flatMap(c -> c.getCoding().stream())
				.filter(c -> (Codes.BASE + "care-team-role").equals(c.getSystem()))
				.forEach(c -> CareTeamRole.fromCode(c.getCode()).ifPresent(disciplines::add));
		return disciplines;
	}

	/** A team counts while it is active (or has no status). */
	public static boolean isCurrent(CareTeam team) {
		return team.getStatus() == null || team.getStatus() == CareTeam.CareTeamStatus.ACTIVE;
	}

	/**
	 * Members of the patient's current team(s), each once, with the disciplines of their PractitionerRole
	 * ({@code disciplines}) and the roles they have in the team (e.g. coordinator).
	 */
	public static List<CareTeamMember> coreTeam(Collection<CareTeam> teams, Function<Reference, Set<CareTeamRole>> disciplines) {
		Map<String, CareTeamMember> members = new LinkedHashMap<>();
		for (CareTeam team : teams) {
			if (!isCurrent(team)) {
				continue;
			}
			for (CareTeam.CareTeamParticipantComponent participant : team.getParticipant()) {
				Set<CareTeamRole> roles = EnumSet.noneOf(CareTeamRole.class);
				roles.addAll(disciplines.apply(participant.getMember()));
				participant.getRole().forEach(role -> Codes.code(role, "care-team-role")
						.flatMap(CareTeamRole::fromCode).ifPresent(roles::add));
				members.putIfAbsent(String.valueOf(participant.getMember().getReference()),
						new CareTeamMember(String.valueOf(Codes.shown(participant.getMember())), roles));
			}
		}
		return List.copyOf(members.values());
	}

	public static List<Reference> membersOf(CareTeam team) {
		return team.getParticipant().stream().map(CareTeam.CareTeamParticipantComponent::getMember).toList();
	}
}
