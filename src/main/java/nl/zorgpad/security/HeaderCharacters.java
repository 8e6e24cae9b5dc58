package nl.zorgpad.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall rules for header names and values and parameter names — every character
 * assigned in Unicode and none an ISO control character (a tab allowed in header values) — checked by a loop
 * instead of the regular expressions the firewall uses by default. The firewall checks a header again on every
 * {@code getHeader} call, and HAPI asks for the headers many times per request: with a bearer token of a few
 * hundred characters the expressions took 14 % of the CPU of a read (JFR under wrk, issue 15). Same rules,
 * same refusals (see its test, which holds them against the firewall's own expressions).
 */
final class HeaderCharacters {
	/** Header and parameter names. */
	static final Predicate<String> NAME = value -> allowed(value, false);

	/** Header values. */
	static final Predicate<String> VALUE = value -> allowed(value, true);

	private HeaderCharacters() {}

	private static boolean allowed(String value, boolean tab) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f || tab && c == '\t') {
				continue; // printable ASCII, nearly every character of a real header
			}
			int codePoint = value.codePointAt(i);
			if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
				return false;
			}
			i += Character.charCount(codePoint) - 1;
		}
		return true;
	}

	/** The firewall Spring Security uses by default, with these checks. */
	static StrictHttpFirewall firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(NAME);
		firewall.setAllowedHeaderValues(VALUE);
		firewall.setAllowedParameterNames(NAME);
		return firewall;
	}
}
