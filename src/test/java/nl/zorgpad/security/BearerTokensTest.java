package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class BearerTokensTest {
	private final BearerTokens tokens = new BearerTokens();
	private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

	@Test
	void aWellFormedBearerHeader_givesItsToken() {
		assertThat(tokens.resolve(get("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))).isEqualTo(
				"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
		assertThat(tokens.resolve(get("bearer abc=="))).isEqualTo("abc==");
	}

	@Test
	void aMalformedToken_isRefusedAsSpringRefusesIt() {
		assertThatThrownBy(() -> tokens.resolve(get("Bearer a b"))).hasMessageContaining("malformed");
		assertThatThrownBy(() -> tokens.resolve(get("Bearer =="))).hasMessageContaining("malformed");
	}

	@Test
	void aTokenAsQueryParameter_isNotTaken_likeSpringsDefault() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
		request.addParameter("access_token", "abc");
		assertThat(tokens.resolve(request)).isNull();
	}

	@Test
	void noOrAnotherAuthorizationScheme_givesNoToken() {
		assertThat(tokens.resolve(new MockHttpServletRequest("GET", "/fhir/Patient"))).isNull();
		assertThat(tokens.resolve(get("Basic dXNlcjpwYXNz"))).isNull();
	}

	@Test
	void everyHeaderGetsTheSameAnswerAsFromSpringsResolver() {
		Random random = new Random(11);
		String alphabet = "aZ09-._~+/= \t\u00e9,;:\"";
		for (int n = 0; n < 20_000; n++) {
			StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : random.nextBoolean() ? "bEaReR " : "Bearer");
			for (int length = random.nextInt(8); length > 0; length--) {
				header.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertThat(outcome(tokens, header.toString())).as(header.toString()).isEqualTo(outcome(spring, header.toString()));
		}
	}

	private static String outcome(BearerTokenResolver resolver, String header) {
		try {
			return "token " + resolver.resolve(get(header));
		} catch (RuntimeException refused) {
			return "refused " + refused.getMessage();
		}
	}

	private static MockHttpServletRequest get(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
		request.addHeader("Authorization", authorization);
		return request;
	}
}
