package nl.zorgpad.meeting;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.rules.PureDomain;

/**
 * A meeting about one patient (Encounter with a meeting-type).
 *
 * @param type Encounter.type (meeting-type)
 * @param status from Encounter.status
 * @param date the day of Encounter.period.start (null when not recorded)
 * @param participantRoles the disciplines (care-team-role codes of their PractitionerRole) of the participants
 */
@PureDomain
public record Meeting(MeetingType type, MeetingStatus status, LocalDate date, Set<CareTeamRole> participantRoles) {

	public Meeting {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(status, "status");
		participantRoles = Set.copyOf(Objects.requireNonNullElse(participantRoles, Set.of()));
	}

	public boolean isHeld() {
		return status == MeetingStatus.FINISHED;
	}

	public boolean isCancelled() {
		return status == MeetingStatus.CANCELLED;
	}

	public boolean hasParticipant(CareTeamRole role) {
		return participantRoles.contains(role);
	}
}
