package nl.zorgpad.careteam;

import java.util.Objects;
import java.util.Set;
import nl.zorgpad.rules.PureDomain;

/**
 * A current member of the patient's core team (CareTeam.participant).
 *
 * @param name how to name the member in a message (display of the member, or its reference)
 * @param roles the discipline(s) from the member's PractitionerRole.code, plus {@code coordinator} when the
 *     participant has that role
 */
@PureDomain
public record CareTeamMember(String name, Set<CareTeamRole> roles) {

	public CareTeamMember {
		Objects.requireNonNull(name, "name");
		roles = Set.copyOf(Objects.requireNonNullElse(roles, Set.of()));
	}

	public boolean isCoordinator() {
		return roles.contains(CareTeamRole.COORDINATOR);
	}

	/** Has at least one discipline that is not among the given ones. */
	public boolean hasDisciplineOutside(Set<CareTeamRole> disciplines) {
		return roles.stream().anyMatch(role -> role.isDiscipline() && !disciplines.contains(role));
	}
}
