package nl.zorgpad.trajectory;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.zorgpad.questionnaire.ChecklistResponse;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-R6 (stop): a GZSP trajectory is finished only when the four stop criteria are recorded: the latest completed
 * {@code gzsp-stop} response since the trajectory started answers s1..s4 yes.
 */
@PureDomain
public final class GzspStopCriteria {
	public static final List<String> STOP_CRITERIA = List.of("s1", "s2", "s3", "s4");
	private static final RuleId RULE = RuleId.R6;

	/**
	 * @param previous the status before this write (null for a new trajectory)
	 * @param next the status being written
	 * @param started the day of EpisodeOfCare.period.start (null when not recorded)
	 * @param finished the day of EpisodeOfCare.period.end, else the day of the write
	 * @param stopResponses the patient's {@code gzsp-stop} responses
	 */
	public record Facts(
			TrajectoryStatus previous,
			TrajectoryStatus next,
			LocalDate started,
			LocalDate finished,
			List<ChecklistResponse> stopResponses) {
		public Facts {
			Objects.requireNonNull(finished, "finished");
			stopResponses = List.copyOf(Objects.requireNonNullElse(stopResponses, List.of()));
		}
	}

	private GzspStopCriteria() {}

	public static Verdict evaluate(Facts facts) {
		if (facts.next() != TrajectoryStatus.FINISHED || facts.previous() == TrajectoryStatus.FINISHED) {
			return Verdict.allowed();
		}
		Optional<ChecklistResponse> latest =
				ChecklistResponse.latestCompleted(facts.stopResponses(), facts.started(), facts.finished());
		if (latest.isEmpty()) {
			String since = facts.started() == null ? "" : " sinds de start op " + facts.started();
			String sinceEn = facts.started() == null ? "" : " since the start on " + facts.started();
			return Verdict.refused(
					RULE,
					"Leg eerst de stopcriteria vast: een ingevulde vragenlijst 'gzsp-stop' (s1..s4)" + since + ".",
					"Record the stop criteria first: a completed 'gzsp-stop' questionnaire response (s1..s4)" + sinceEn
							+ ".");
		}
		List<String> notYes = latest.get().notYes(STOP_CRITERIA);
		if (notYes.isEmpty()) {
			return Verdict.allowed();
		}
		String items = String.join(", ", notYes);
		return Verdict.refused(
				RULE,
				"Het zorgtraject kan nog niet stoppen: stopcriteria " + items + " zijn in de vragenlijst 'gzsp-stop' van "
						+ latest.get().day() + " niet met ja beantwoord. Leg eerst vast dat aan alle vier is voldaan.",
				"The trajectory cannot finish yet: stop criteria " + items + " are not answered yes in the 'gzsp-stop'"
						+ " response of " + latest.get().day() + ". Record first that all four are met.");
	}
}
