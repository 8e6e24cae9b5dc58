package nl.zorgpad.trajectory;

import java.util.Optional;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Reference;

/** How an EpisodeOfCare reads as a GZSP trajectory. */
public final class TrajectoryFacts {
	/** Extension on a trajectory: the trajectory of the previous phase. */
	public static final String PREVIOUS_TRAJECTORY = "https://zorgpad.nl/fhir/StructureDefinition/zp-previous-trajectory";

	private TrajectoryFacts() {}

	public static boolean isTrajectory(EpisodeOfCare episode) {
		return Codes.code(episode.getType(), "episode-type").isPresent();
	}

	public static Optional<TrajectoryStatus> statusOf(EpisodeOfCare episode) {
		return episode.getStatus() == null ? Optional.empty() : TrajectoryStatus.fromCode(episode.getStatus().toCode());
	}

	public static Optional<TrajectoryPhase> phaseOf(EpisodeOfCare episode) {
		return Codes.code(episode.getType(), "zorgtraject-phase").flatMap(TrajectoryPhase::fromCode);
	}

	/** The trajectory as the rules see it; empty when it has no status the rules know. */
	public static Optional<Trajectory> of(EpisodeOfCare episode) {
		return statusOf(episode).map(status ->
				new Trajectory(episode.getIdElement().getIdPart(), phaseOf(episode).orElse(null), status));
	}

	/** The id of the trajectory this one follows (extension zp-previous-trajectory), or null. */
	public static String previousId(EpisodeOfCare episode) {
		return episode.getExtensionByUrl(PREVIOUS_TRAJECTORY) != null
				&& episode.getExtensionByUrl(PREVIOUS_TRAJECTORY).getValue() instanceof Reference reference
				? reference.getReferenceElement().getIdPart()
				: null;
	}
}
