package nl.zorgpad.worklist;

import java.time.LocalDate;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;

/**
 * When something on a coordinator's worklist falls due (SPEC §3, §6). All of them look back from
 * {@code date}, the day the worklist is drawn up for.
 */
@PureDomain
final class Due {
	private Due() {}

	/** A complex frail patient is due for an MDO when none was held in the 12 months up to {@code date}. */
	static boolean mdo(LocalDate lastMdo, LocalDate date) {
		return lastMdo == null || !lastMdo.isAfter(date.minusMonths(12));
	}

	/** The day the next MDO is due: a year after the last one, or at once when there was none. */
	static LocalDate nextMdo(LocalDate lastMdo, LocalDate since) {
		return lastMdo == null ? since : lastMdo.plusMonths(12);
	}

	/**
	 * The evaluation of a GZSP trajectory (is care ready to go back to the GP?) is first due 3 months
	 * after the start, then a month after the last recorded evaluation. Returns the due day when it is
	 * due on or before {@code date}.
	 */
	static Optional<LocalDate> evaluation(LocalDate start, LocalDate lastEvaluation, LocalDate date) {
		LocalDate first = start.plusMonths(3);
		LocalDate next = lastEvaluation == null || lastEvaluation.isBefore(start)
				? first
				: max(first, lastEvaluation.plusMonths(1));
		return next.isAfter(date) ? Optional.empty() : Optional.of(next);
	}

	/** A consent is due for review once it is 12 months old. */
	static boolean consentReview(LocalDate given, LocalDate date) {
		return given != null && !given.isAfter(date.minusMonths(12));
	}

	/** An open Task is overdue from the day after its due date. */
	static boolean taskOverdue(LocalDate due, LocalDate date) {
		return due != null && due.isBefore(date);
	}

	/** The day a FHIR date or dateTime names, as written (its own offset, no conversion); null when absent. */
	static LocalDate day(String fhirDateTime) {
		return fhirDateTime == null || fhirDateTime.length() < 10 ? null : LocalDate.parse(fhirDateTime.substring(0, 10));
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}
}
