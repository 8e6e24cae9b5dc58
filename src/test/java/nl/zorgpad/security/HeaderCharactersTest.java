package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderCharactersTest {
	/** The expressions of Spring Security's StrictHttpFirewall (6.5) that the loops replace. */
	private static final Pattern FIREWALL_NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
	private static final Pattern FIREWALL_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void aBearerTokenAndOrdinaryHeaders_areAllowed() {
		assertThat(HeaderCharacters.VALUE).accepts("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
				"application/fhir+json; charset=UTF-8", "Zoë van 't Hof", "a\tb", "😀");
		assertThat(HeaderCharacters.NAME).accepts("Authorization", "X-Request-Id", "_count");
	}

	@Test
	void controlCharactersAndUnassignedCodePoints_areRefused() {
		assertThat(HeaderCharacters.VALUE).rejects("a\nb", "a\rb", "\u0000", "x\u0085", "\u0378");
		assertThat(HeaderCharacters.NAME).rejects("a\tb", "X-\u0007", "\u0378");
	}

	@Test
	void everyStringGetsTheSameAnswerAsFromTheFirewallsOwnExpressions() {
		Random random = new Random(7);
		int[] interesting = {'\t', '\n', '\r', 0, 0x1f, 0x7f, 0x85, 0x9f, 0xa0, 0x378, 0x2028, 0xd800, 0xdc00, 0xfffe,
				0x1f600, 0x10ffff, 0xe0001, 'A', ' ', '~'};
		for (int n = 0; n < 20_000; n++) {
			StringBuilder value = new StringBuilder();
			for (int length = random.nextInt(6); length > 0; length--) {
				value.appendCodePoint(random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
						: random.nextInt(0x110000));
			}
			String sample = value.toString();
			assertThat(HeaderCharacters.NAME.test(sample)).as("name %s", sample.codePoints().boxed().toList())
					.isEqualTo(FIREWALL_NAME.matcher(sample).matches());
			assertThat(HeaderCharacters.VALUE.test(sample)).as("value %s", sample.codePoints().boxed().toList())
					.isEqualTo(FIREWALL_VALUE.matcher(sample).matches());
		}
	}
}
