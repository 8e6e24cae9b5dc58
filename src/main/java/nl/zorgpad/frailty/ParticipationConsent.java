package nl.zorgpad.frailty;

import java.time.LocalDate;
import java.util.Objects;
import nl.zorgpad.consent.ConsentCategory;
import nl.zorgpad.consent.ConsentLedger;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-R2: status {@code kwetsbaar} or {@code complex-kwetsbaar}, and any {@code gezondheidsplan} CarePlan, need
 * the patient's active consent {@code programma-deelname}. With a denied consent the episode records the refusal
 * instead, and no care plan is accepted. Ending a plan (so that a withdrawal can be carried out) is always
 * allowed.
 */
@PureDomain
public final class ParticipationConsent {
	private static final RuleId RULE = RuleId.R2;
	private static final ConsentCategory DEELNAME = ConsentCategory.PROGRAMMA_DEELNAME;

	/**
	 * @param status the frailty status being written (Condition.stage.summary; null when none)
	 * @param day the day the status applies (normally the day of the write)
	 * @param consents all Consents of the patient
	 */
	public record EpisodeFacts(FrailtyStatus status, LocalDate day, ConsentLedger consents) {
		public EpisodeFacts {
			Objects.requireNonNull(day, "day");
			Objects.requireNonNull(consents, "consents");
		}
	}

	/**
	 * @param ending the plan is being ended (CarePlan.status completed, revoked or entered-in-error)
	 * @param day the day of the write
	 * @param consents all Consents of the patient
	 */
	public record CarePlanFacts(boolean ending, LocalDate day, ConsentLedger consents) {
		public CarePlanFacts {
			Objects.requireNonNull(day, "day");
			Objects.requireNonNull(consents, "consents");
		}
	}

	private ParticipationConsent() {}

	public static Verdict evaluate(EpisodeFacts facts) {
		FrailtyStatus status = facts.status();
		if (status == null || !status.isFrail()) {
			return Verdict.allowed();
		}
		return switch (facts.consents().standing(DEELNAME, facts.day())) {
			case GRANTED -> Verdict.allowed();
			case REVOKED -> Verdict.refused(
					RULE,
					"De patiënt heeft deelname aan het zorgprogramma geweigerd (Consent programma-deelname: deny of"
							+ " inactive). Leg de episode vast als 'weigert deelname', zonder status " + status.code()
							+ ", of leg eerst een nieuwe actieve toestemming 'programma-deelname' vast.",
					"The patient refused to take part in the programme (Consent programma-deelname: deny or inactive)."
							+ " Record the episode as refusal of participation, without status " + status.code()
							+ ", or first record a new active consent 'programma-deelname'.");
			case NONE -> Verdict.refused(
					RULE,
					"Status " + status.code() + " vraagt toestemming voor deelname aan het zorgprogramma. Leg eerst de"
							+ " toestemming vast (Consent programma-deelname, status active, permit) die "
							+ facts.day() + " dekt.",
					"Status " + status.code() + " needs consent to take part in the programme. Record the consent"
							+ " first (Consent programma-deelname, status active, permit) covering " + facts.day()
							+ ".");
		};
	}

	public static Verdict evaluate(CarePlanFacts facts) {
		if (facts.ending()) {
			return Verdict.allowed();
		}
		return switch (facts.consents().standing(DEELNAME, facts.day())) {
			case GRANTED -> Verdict.allowed();
			case REVOKED -> Verdict.refused(
					RULE,
					"De patiënt heeft deelname aan het zorgprogramma geweigerd (Consent programma-deelname); een"
							+ " gezondheidsplan wordt niet geaccepteerd. Beëindig het plan (status revoked) of leg eerst"
							+ " een nieuwe actieve toestemming 'programma-deelname' vast.",
					"The patient refused to take part in the programme (Consent programma-deelname); a care plan"
							+ " (gezondheidsplan) is not accepted. End the plan (status revoked) or first record a new"
							+ " active consent 'programma-deelname'.");
			case NONE -> Verdict.refused(
					RULE,
					"Een gezondheidsplan vraagt toestemming voor deelname aan het zorgprogramma. Leg eerst de"
							+ " toestemming vast (Consent programma-deelname, status active, permit) die "
							+ facts.day() + " dekt.",
					"A care plan (gezondheidsplan) needs consent to take part in the programme. Record the consent"
							+ " first (Consent programma-deelname, status active, permit) covering " + facts.day()
							+ ".");
		};
	}
}
