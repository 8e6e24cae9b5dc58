package nl.zorgpad.meeting;

import nl.zorgpad.rules.PureDomain;

/** Where a meeting stands, as far as the rules care (from Encounter.status). */
@PureDomain
public enum MeetingStatus {
	PLANNED,
	IN_PROGRESS,
	/** Held: Encounter.status finished. */
	FINISHED,
	/** Did not happen: cancelled or entered-in-error. */
	CANCELLED;

	public static MeetingStatus fromCode(String encounterStatus) {
		return switch (String.valueOf(encounterStatus)) {
			case "finished" -> FINISHED;
			case "cancelled", "entered-in-error" -> CANCELLED;
			case "in-progress", "onleave" -> IN_PROGRESS;
			default -> PLANNED;
		};
	}
}
