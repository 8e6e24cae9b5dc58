package nl.zorgpad.trajectory;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.meeting.MeetingType;
import nl.zorgpad.questionnaire.ChecklistResponse;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-R6 (admission): a GZSP trajectory becomes active only after, in date order and on or before its start:
 * <ol>
 *   <li>a held {@code mdo-gzsp} or {@code breed-mdo} with a GP (huisarts) and a district nurse (wijkverpleegkundige);
 *   <li>a held {@code so-consult} — the SO's consult is the geriatric assessment;
 *   <li>another held {@code mdo-gzsp} with the SO (specialist-ouderengeneeskunde), which tests inclusion: the
 *       latest completed {@code gzsp-inclusie} response of that MDO's day up to the start answers
 *       i1..i3 yes (i4 is a rule of thumb and never refuses).
 * </ol>
 * Each step may fall on the same day as the one before. Only the change into active is checked.
 */
@PureDomain
public final class GzspTrajectoryOrder {
	/** The inclusion criteria that must be met; i4 ("several contacts needed") is a rule of thumb that only informs. */
	public static final List<String> INCLUSION_CRITERIA = List.of("i1", "i2", "i3");
	/** Asked in the checklist, never refusing: "several contacts with providers are needed". */
	public static final List<String> RULE_OF_THUMB = List.of("i4");
	private static final RuleId RULE = RuleId.R6;

	/**
	 * @param previous the status before this write (null for a new trajectory)
	 * @param next the status being written
	 * @param activationDate the day of EpisodeOfCare.period.start, else the day of the write
	 * @param meetings the patient's meetings (all types and statuses)
	 * @param inclusionResponses the patient's {@code gzsp-inclusie} responses
	 */
	public record Facts(
			TrajectoryStatus previous,
			TrajectoryStatus next,
			LocalDate activationDate,
			List<Meeting> meetings,
			List<ChecklistResponse> inclusionResponses) {
		public Facts {
			Objects.requireNonNull(activationDate, "activationDate");
			meetings = List.copyOf(Objects.requireNonNullElse(meetings, List.of()));
			inclusionResponses = List.copyOf(Objects.requireNonNullElse(inclusionResponses, List.of()));
		}
	}

	private GzspTrajectoryOrder() {}

	public static Verdict evaluate(Facts facts) {
		if (facts.next() != TrajectoryStatus.ACTIVE || facts.previous() == TrajectoryStatus.ACTIVE) {
			return Verdict.allowed();
		}
		LocalDate start = facts.activationDate();
		Optional<Meeting> gpMdo = earliestHeld(facts.meetings(), LocalDate.MIN, start, GzspTrajectoryOrder::isGpMdo);
		if (gpMdo.isEmpty()) {
			return refused(
					"een gehouden MDO (mdo-gzsp, status finished) met huisarts en wijkverpleegkundige als deelnemers, op of"
							+ " vóór " + start,
					"a held MDO (mdo-gzsp, status finished) with GP (huisarts) and district nurse (wijkverpleegkundige)"
							+ " participants, on or before " + start);
		}
		LocalDate mdoDay = gpMdo.get().date();
		Optional<Meeting> consult = earliestHeld(facts.meetings(), mdoDay, start, GzspTrajectoryOrder::isSoConsult);
		if (consult.isEmpty()) {
			return refused(
					"een consult van de specialist ouderengeneeskunde met geriatrisch assessment (so-consult, status"
							+ " finished) na het MDO van " + mdoDay + ", op of vóór " + start,
					"a consult by the elderly-care physician with geriatric assessment (so-consult, status finished)"
							+ " after the MDO of " + mdoDay + ", on or before " + start);
		}
		LocalDate consultDay = consult.get().date();
		Optional<Meeting> soMdo =
				earliestHeld(facts.meetings(), consultDay, start, m -> isSoMdo(m) && m != gpMdo.get());
		if (soMdo.isEmpty()) {
			return refused(
					"een gehouden MDO met de specialist ouderengeneeskunde dat de inclusiecriteria toetst (mdo-gzsp,"
							+ " deelnemer specialist-ouderengeneeskunde) na het SO-consult van " + consultDay
							+ ", op of vóór " + start,
					"a held MDO with the elderly-care physician testing the inclusion criteria (mdo-gzsp, participant"
							+ " specialist-ouderengeneeskunde) after the SO consult of " + consultDay + ", on or before "
							+ start);
		}
		return inclusionMet(facts.inclusionResponses(), soMdo.get().date(), start);
	}

	private static Verdict inclusionMet(List<ChecklistResponse> responses, LocalDate mdoDay, LocalDate start) {
		Optional<ChecklistResponse> latest = ChecklistResponse.latestCompleted(responses, mdoDay, start);
		if (latest.isEmpty()) {
			return refused(
					"de toetsing aan de inclusiecriteria: een ingevulde vragenlijst 'gzsp-inclusie' (i1..i3) van het MDO"
							+ " van " + mdoDay + " of later, op of vóór " + start,
					"the test of the inclusion criteria: a completed 'gzsp-inclusie' response (i1..i3) authored from the"
							+ " MDO of " + mdoDay + " on, on or before " + start);
		}
		List<String> notYes = latest.get().notYes(INCLUSION_CRITERIA);
		if (notYes.isEmpty()) {
			return Verdict.allowed();
		}
		String items = String.join(", ", notYes);
		return refused(
				"inclusiecriteria " + items + " met 'ja' beantwoord (niet met ja beantwoord in 'gzsp-inclusie' van "
						+ latest.get().day() + ")",
				"inclusion criteria " + items + " answered yes (not answered yes in the 'gzsp-inclusie' response of "
						+ latest.get().day() + ")");
	}

	/** Admission step 2: an MDO organised by the GP with the district nurse — a GZSP MDO or a broad MDO. */
	private static boolean isGpMdo(Meeting meeting) {
		return (meeting.type() == MeetingType.MDO_GZSP || meeting.type() == MeetingType.BREED_MDO)
				&& meeting.hasParticipant(CareTeamRole.HUISARTS)
				&& meeting.hasParticipant(CareTeamRole.WIJKVERPLEEGKUNDIGE);
	}

	private static boolean isSoConsult(Meeting meeting) {
		return meeting.type() == MeetingType.SO_CONSULT;
	}

	private static boolean isSoMdo(Meeting meeting) {
		return meeting.type() == MeetingType.MDO_GZSP
				&& meeting.hasParticipant(CareTeamRole.SPECIALIST_OUDERENGENEESKUNDE);
	}

	/** The earliest held meeting of a kind dated from {@code from} to {@code until}; same-day ties: list order. */
	private static Optional<Meeting> earliestHeld(
			List<Meeting> meetings, LocalDate from, LocalDate until, Predicate<Meeting> kind) {
		return meetings.stream()
				.filter(Meeting::isHeld)
				.filter(m -> m.date() != null && !m.date().isBefore(from) && !m.date().isAfter(until))
				.filter(kind)
				.min(Comparator.comparing(Meeting::date));
	}

	private static Verdict refused(String dutchMissing, String englishMissing) {
		return Verdict.refused(
				RULE,
				"Het GZSP-zorgtraject kan nog niet actief worden. Leg eerst vast: " + dutchMissing + ".",
				"The GZSP trajectory cannot become active yet. Record first: " + englishMissing + ".");
	}
}
