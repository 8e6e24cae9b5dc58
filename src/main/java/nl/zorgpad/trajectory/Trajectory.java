package nl.zorgpad.trajectory;

import java.util.Objects;
import nl.zorgpad.rules.PureDomain;

/**
 * One of the patient's other GZSP trajectories (EpisodeOfCare of type gzsp-zorgtraject).
 *
 * @param id the logical id (id part only, e.g. {@code 123})
 * @param phase the phase type (null when not recorded)
 * @param status EpisodeOfCare.status
 */
@PureDomain
public record Trajectory(String id, TrajectoryPhase phase, TrajectoryStatus status) {
	public Trajectory {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(status, "status");
	}
}
