package nl.zorgpad.consent;

import java.time.LocalDate;
import java.util.Objects;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-R1: a core-team or MDO discussion of a patient ({@code kernteam-overleg}, {@code breed-mdo},
 * {@code mdo-gzsp}; any status but cancelled) needs the patient's consent {@code bespreken-kernteam} on the
 * meeting date.
 */
@PureDomain
public final class ConsentBeforeDiscussion {
	private static final RuleId RULE = RuleId.R1;

	/**
	 * @param meeting the Encounter being written
	 * @param consents all Consents of the meeting's patient
	 */
	public record Facts(Meeting meeting, ConsentLedger consents) {
		public Facts {
			Objects.requireNonNull(meeting, "meeting");
			Objects.requireNonNull(consents, "consents");
		}
	}

	private ConsentBeforeDiscussion() {}

	public static Verdict evaluate(Facts facts) {
		Meeting meeting = facts.meeting();
		if (!meeting.type().isDiscussion() || meeting.isCancelled()) {
			return Verdict.allowed();
		}
		LocalDate date = meeting.date();
		if (date == null) {
			return Verdict.refused(
					RULE,
					"Leg de datum van het overleg vast (Encounter.period.start); de toestemming 'bespreken-kernteam'"
							+ " moet die datum dekken.",
					"Record the meeting date (Encounter.period.start); the consent 'bespreken-kernteam' must cover it.");
		}
		return switch (facts.consents().standing(ConsentCategory.BESPREKEN_KERNTEAM, date)) {
			case GRANTED -> Verdict.allowed();
			case REVOKED -> Verdict.refused(
					RULE,
					"De patiënt heeft de toestemming 'bespreken-kernteam' geweigerd of ingetrokken vóór het overleg van "
							+ date + ". Leg eerst een nieuwe actieve toestemming vast (Consent bespreken-kernteam,"
							+ " permit) die " + date + " dekt.",
					"The patient refused or withdrew the consent 'bespreken-kernteam' before the meeting of " + date
							+ ". Record a new active consent first (Consent bespreken-kernteam, permit) covering "
							+ date + ".");
			case NONE -> Verdict.refused(
					RULE,
					"Geen actieve toestemming 'bespreken-kernteam' van de patiënt op " + date
							+ " (datum van het overleg). Leg eerst de toestemming vast (Consent bespreken-kernteam,"
							+ " status active, permit) met een periode die " + date + " dekt.",
					"No active consent 'bespreken-kernteam' of the patient on " + date
							+ " (the meeting date). Record the consent first (Consent bespreken-kernteam, status"
							+ " active, permit) with a period covering " + date + ".");
		};
	}
}
