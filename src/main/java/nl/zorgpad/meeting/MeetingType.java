package nl.zorgpad.meeting;

import java.util.Arrays;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;

/** Code system {@code meeting-type}, carried in Encounter.type. */
@PureDomain
public enum MeetingType {
	KERNTEAM_OVERLEG("kernteam-overleg"),
	BREED_MDO("breed-mdo"),
	MDO_GZSP("mdo-gzsp"),
	SO_CONSULT("so-consult");

	private final String code;

	MeetingType(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** A core-team or MDO discussion of the patient (everything but the SO consult). */
	public boolean isDiscussion() {
		return this != SO_CONSULT;
	}

	public static Optional<MeetingType> fromCode(String code) {
		return Arrays.stream(values()).filter(value -> value.code.equals(code)).findFirst();
	}
}
