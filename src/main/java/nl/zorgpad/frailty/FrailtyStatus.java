package nl.zorgpad.frailty;

import java.util.Arrays;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;

/** Code system {@code frailty-status}, carried in Condition.stage.summary of the frailty episode. */
@PureDomain
public enum FrailtyStatus {
	MOGELIJK_KWETSBAAR("mogelijk-kwetsbaar"),
	KWETSBAAR("kwetsbaar"),
	COMPLEX_KWETSBAAR("complex-kwetsbaar"),
	NIET_KWETSBAAR("niet-kwetsbaar");

	private final String code;

	FrailtyStatus(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** Frail or complex frail: the statuses that mean taking part in the programme. */
	public boolean isFrail() {
		return this == KWETSBAAR || this == COMPLEX_KWETSBAAR;
	}

	public static Optional<FrailtyStatus> fromCode(String code) {
		return Arrays.stream(values()).filter(value -> value.code.equals(code)).findFirst();
	}
}
