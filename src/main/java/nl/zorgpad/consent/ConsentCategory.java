package nl.zorgpad.consent;

import java.util.Arrays;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;

/** Code system {@code consent-category}: what the patient consents to. */
@PureDomain
public enum ConsentCategory {
	PROGRAMMA_DEELNAME("programma-deelname"),
	BESPREKEN_KERNTEAM("bespreken-kernteam");

	private final String code;

	ConsentCategory(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Optional<ConsentCategory> fromCode(String code) {
		return Arrays.stream(values()).filter(value -> value.code.equals(code)).findFirst();
	}
}
