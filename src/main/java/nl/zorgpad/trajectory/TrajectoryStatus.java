package nl.zorgpad.trajectory;

import java.util.Arrays;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;

/** EpisodeOfCare.status of a GZSP trajectory. */
@PureDomain
public enum TrajectoryStatus {
	PLANNED("planned"),
	WAITLIST("waitlist"),
	ACTIVE("active"),
	ONHOLD("onhold"),
	FINISHED("finished"),
	CANCELLED("cancelled"),
	ENTERED_IN_ERROR("entered-in-error");

	private final String code;

	TrajectoryStatus(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** Never took place: cancelled or entered in error. */
	public boolean isVoid() {
		return this == CANCELLED || this == ENTERED_IN_ERROR;
	}

	public static Optional<TrajectoryStatus> fromCode(String code) {
		return Arrays.stream(values()).filter(value -> value.code.equals(code)).findFirst();
	}
}
