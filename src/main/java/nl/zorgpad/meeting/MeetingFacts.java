package nl.zorgpad.meeting;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;

/** How an Encounter reads as the meeting(s) it records. */
public final class MeetingFacts {
	private MeetingFacts() {}

	/** The meeting types an Encounter is coded with: every one counts (an Encounter coded twice is two meetings). */
	public static List<MeetingType> typesOf(Encounter encounter) {
		return Codes.codes(encounter.getType(), "meeting-type").stream()
				.flatMap(code -> MeetingType.fromCode(code).stream()).toList();
	}

	public static boolean isMeeting(Encounter encounter) {
		return !typesOf(encounter).isEmpty();
	}

	/** The day of the meeting: the day (in the Netherlands) of Encounter.period.start; null when not recorded. */
	public static LocalDate dayOf(Encounter encounter) {
		return Codes.day(encounter.getPeriod().getStart());
	}

	/**
	 * The meeting(s) an Encounter records, one per meeting type. {@code disciplines} names the disciplines of a
	 * participant; it is asked only for the GZSP steps, the only rules that read who took part.
	 */
	public static List<Meeting> meetingsOf(Encounter encounter, Function<Reference, Set<CareTeamRole>> disciplines) {
		List<MeetingType> types = typesOf(encounter);
		Set<CareTeamRole> roles = EnumSet.noneOf(CareTeamRole.class);
		if (types.contains(MeetingType.MDO_GZSP) || types.contains(MeetingType.SO_CONSULT)) {
			encounter.getParticipant().forEach(participant -> roles.addAll(disciplines.apply(participant.getIndividual())));
		}
		MeetingStatus status = MeetingStatus.fromCode(encounter.getStatus() == null ? null : encounter.getStatus().toCode());
		LocalDate day = dayOf(encounter);
		return types.stream().map(type -> new Meeting(type, status, day, roles)).toList();
	}

	/** The people taking part, whose disciplines {@link #meetingsOf} may ask for. */
	public static List<Reference> participantsOf(Encounter encounter) {
		return encounter.getParticipant().stream().map(Encounter.EncounterParticipantComponent::getIndividual).toList();
	}
}
