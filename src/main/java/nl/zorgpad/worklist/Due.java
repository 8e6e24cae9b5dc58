package nl.zorgpad.worklist;

import java.time.LocalDate;
import java.util.Optional;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.trajectory.EvaluationSchedule;

/**
 * When something on a coordinator's worklist falls due (see docs/pathway.md). All of them look back from
 * {@code date}, the day the worklist is drawn up for; the intervals are the programme's ({@link Programme}).
 */
@PureDomain
final class Due {
	private Due() {}

	/** A complex frail patient is due for an MDO when none was held in the interval up to {@code date}. */
	static boolean mdo(LocalDate lastMdo, LocalDate date) {
		return lastMdo == null || !lastMdo.isAfter(date.minus(Programme.MDO_INTERVAL));
	}

	/** The day the next MDO is due: an interval after the last one, or at once when there was none. */
	static LocalDate nextMdo(LocalDate lastMdo, LocalDate since) {
		return lastMdo == null ? since : lastMdo.plus(Programme.MDO_INTERVAL);
	}

	/** The next evaluation of a GZSP trajectory ({@link EvaluationSchedule#next}) when it falls on or before {@code date}. */
	static Optional<LocalDate> evaluation(LocalDate start, LocalDate lastEvaluation, LocalDate date) {
		LocalDate next = EvaluationSchedule.next(start, lastEvaluation);
		return next.isAfter(date) ? Optional.empty() : Optional.of(next);
	}

	/** A consent is due for review once it is as old as the review interval. */
	static boolean consentReview(LocalDate given, LocalDate date) {
		return given != null && !given.isAfter(date.minus(Programme.CONSENT_REVIEW));
	}

	/** An open Task is overdue from the day after its due date. */
	static boolean taskOverdue(LocalDate due, LocalDate date) {
		return due != null && due.isBefore(date);
	}

	/** The day a FHIR date or dateTime names, as written (its own offset, no conversion); null when absent. */
	static LocalDate day(String fhirDateTime) {
		return fhirDateTime == null || fhirDateTime.length() < 10 ? null : LocalDate.parse(fhirDateTime.substring(0, 10));
	}
}
