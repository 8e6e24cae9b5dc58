package nl.zorgpad.trajectory;

import java.util.Arrays;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;

/** Code system {@code zorgtraject-phase}, the second EpisodeOfCare.type of a GZSP trajectory. */
@PureDomain
public enum TrajectoryPhase {
	STARTFASE("startfase"),
	VERVOLGFASE("vervolgfase");

	private final String code;

	TrajectoryPhase(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Optional<TrajectoryPhase> fromCode(String code) {
		return Arrays.stream(values()).filter(value -> value.code.equals(code)).findFirst();
	}
}
