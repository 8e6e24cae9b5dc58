package nl.zorgpad.trajectory;

import java.time.LocalDate;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.rules.PureDomain;

/** When a GZSP trajectory is next evaluated (is care ready to go back to the GP?). One definition for {@code $pathway} and the worklist. */
@PureDomain
public final class EvaluationSchedule {
	private EvaluationSchedule() {}

	/**
	 * First {@link Programme#FIRST_EVALUATION} after the start, then {@link Programme#EVALUATION_INTERVAL} after the
	 * last recorded evaluation (a completed {@code gzsp-stop} checklist, on its day), never before the first.
	 *
	 * @param lastEvaluation the day of the last recorded evaluation, or null
	 */
	public static LocalDate next(LocalDate start, LocalDate lastEvaluation) {
		LocalDate first = start.plus(Programme.FIRST_EVALUATION);
		if (lastEvaluation == null || lastEvaluation.isBefore(start)) {
			return first;
		}
		LocalDate next = lastEvaluation.plus(Programme.EVALUATION_INTERVAL);
		return next.isAfter(first) ? next : first;
	}
}
