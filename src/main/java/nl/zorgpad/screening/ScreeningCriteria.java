package nl.zorgpad.screening;

import java.time.LocalDate;
import java.time.Period;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.rules.PureDomain;

/**
 * Who belongs on the screening list for targeted case finding (SPEC §1 step 1, §6): patients aged at
 * least {@code minAge} on {@code date} without an active A05 episode; optionally with at least
 * {@code minMedications} active medications, not seen by the practice for {@code notSeenMonths}
 * months, and listed at one practice.
 *
 * @param minAge minimum age in whole years on {@code date}
 * @param date the day the list is drawn up for (ages and "not seen" are computed on it)
 * @param minMedications minimum number of active MedicationStatements/MedicationRequests, or null
 * @param notSeenMonths no ordinary contact (Encounter that is not a meeting) in this many months, or null
 * @param practice the Organization id of the GP practice, or null for all practices
 */
@PureDomain
public record ScreeningCriteria(int minAge, LocalDate date, Integer minMedications, Integer notSeenMonths, String practice) {
	static final int DEFAULT_MIN_AGE = Programme.TARGET_AGE;

	public ScreeningCriteria {
		if (minAge < 0 || minAge > 130) {
			throw new IllegalArgumentException("minAge must be between 0 and 130, not " + minAge);
		}
		if (date == null) {
			throw new IllegalArgumentException("date is required");
		}
		if (minMedications != null && minMedications < 0) {
			throw new IllegalArgumentException("minMedications must be 0 or more, not " + minMedications);
		}
		if (notSeenMonths != null && (notSeenMonths < 1 || notSeenMonths > 240)) {
			throw new IllegalArgumentException("notSeenMonths must be between 1 and 240, not " + notSeenMonths);
		}
	}

	/** Patients born on or before this day are at least {@code minAge} on {@code date}. */
	public LocalDate bornOnOrBefore() {
		return date.minusYears(minAge);
	}

	/** A contact after this day (and on or before {@code date}) means the patient was seen; null without the filter. */
	public LocalDate seenAfter() {
		return notSeenMonths == null ? null : date.minusMonths(notSeenMonths);
	}

	/** Whether a patient of the right age passes the optional filters, given their columns. */
	public boolean keeps(int activeMedications, LocalDate lastContact) {
		boolean enoughMedications = minMedications == null || activeMedications >= minMedications;
		boolean notSeen = notSeenMonths == null || lastContact == null || !lastContact.isAfter(seenAfter());
		return enoughMedications && notSeen;
	}

	/** Age in whole years on a day. */
	static int age(LocalDate birthDate, LocalDate on) {
		return Period.between(birthDate, on).getYears();
	}
}
