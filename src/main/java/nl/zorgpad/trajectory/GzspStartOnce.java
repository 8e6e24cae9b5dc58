package nl.zorgpad.trajectory;

import java.util.List;
import java.util.Objects;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-R6 (phase): the start phase of a GZSP trajectory is used once per patient; a returning patient gets the
 * follow-on phase ({@code vervolgfase}), which references the earlier trajectory (extension zp-previous-trajectory).
 * Cancelled and entered-in-error trajectories do not count, and writing one is always allowed.
 */
@PureDomain
public final class GzspStartOnce {
	private static final RuleId RULE = RuleId.R6;

	/**
	 * @param phase the phase of the trajectory being written (null when not recorded)
	 * @param status its EpisodeOfCare.status
	 * @param previousTrajectoryId the id part of its zp-previous-trajectory reference (null when none)
	 * @param others the patient's other GZSP trajectories (not the one being written)
	 */
	public record Facts(
			TrajectoryPhase phase, TrajectoryStatus status, String previousTrajectoryId, List<Trajectory> others) {
		public Facts {
			Objects.requireNonNull(status, "status");
			others = List.copyOf(Objects.requireNonNullElse(others, List.of()));
		}
	}

	private GzspStartOnce() {}

	public static Verdict evaluate(Facts facts) {
		if (facts.status().isVoid()) {
			return Verdict.allowed();
		}
		List<Trajectory> earlier =
				facts.others().stream().filter(t -> !t.status().isVoid()).toList();
		if (facts.phase() == null) {
			return Verdict.refused(
					RULE,
					"Leg de fase van het zorgtraject vast: startfase of vervolgfase (EpisodeOfCare.type, zorgtraject-phase).",
					"Record the trajectory phase: startfase or vervolgfase (EpisodeOfCare.type, zorgtraject-phase).");
		}
		if (facts.phase() == TrajectoryPhase.STARTFASE) {
			List<String> starts = earlier.stream()
					.filter(t -> t.phase() == TrajectoryPhase.STARTFASE)
					.map(Trajectory::id)
					.toList();
			if (starts.isEmpty()) {
				return Verdict.allowed();
			}
			String ids = String.join(", ", starts);
			return Verdict.refused(
					RULE,
					"De patiënt had al een startfase (zorgtraject " + ids + "); de startfase wordt één keer per patiënt"
							+ " ingezet. Gebruik de vervolgfase, met een verwijzing naar het eerdere zorgtraject.",
					"The patient already had a start phase (trajectory " + ids + "); the start phase is used once per"
							+ " patient. Use the follow-on phase (vervolgfase), referencing the earlier trajectory.");
		}
		String previous = facts.previousTrajectoryId();
		if (previous == null || previous.isBlank()) {
			return Verdict.refused(
					RULE,
					"Een vervolgfase verwijst naar het eerdere zorgtraject van de patiënt; leg die verwijzing vast"
							+ " (extensie zp-previous-trajectory).",
					"A follow-on phase (vervolgfase) references the patient's earlier trajectory; record that"
							+ " reference (extension zp-previous-trajectory).");
		}
		if (earlier.stream().anyMatch(t -> t.id().equals(previous))) {
			return Verdict.allowed();
		}
		return Verdict.refused(
				RULE,
				"De vervolgfase verwijst naar zorgtraject " + previous + ", maar dat is geen eerder zorgtraject van deze"
						+ " patiënt. Verwijs naar het eerdere zorgtraject (zp-previous-trajectory).",
				"The follow-on phase references trajectory " + previous + ", which is not an earlier trajectory of"
						+ " this patient. Reference the earlier trajectory (zp-previous-trajectory).");
	}
}
