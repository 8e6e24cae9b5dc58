package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import nl.zorgpad.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Which token signatures the server accepts, decided at start-up from {@code zorgpad.security.jwt.*}. */
class SecurityConfigTest {
	private static final String OWN_SECRET = "a-secret-of-this-region-of-at-least-32-bytes";

	@Test
	void aSharedSecretShorterThan32Bytes_stopsTheStart() {
		assertThatThrownBy(() -> SecurityConfig.decoder(hmac("too-short-a-secret"), new MockEnvironment()))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 bytes");
	}

	@Test
	void theWellKnownLocalSecret_isRefusedUnderThePostgresProfile_butServesALocalTrial() {
		MockEnvironment postgres = new MockEnvironment();
		postgres.setActiveProfiles("postgres");
		assertThatThrownBy(() -> SecurityConfig.decoder(hmac(SecurityProperties.LOCAL_SECRET), postgres))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("well-known local token secret");

		JwtDecoder local = SecurityConfig.decoder(hmac(SecurityProperties.LOCAL_SECRET), new MockEnvironment());
		assertThat(local.decode(token(SecurityProperties.LOCAL_SECRET)).getSubject()).isEqualTo("gp");
	}

	@Test
	void aRegionsOwnSecret_acceptsItsTokensOnly() {
		MockEnvironment postgres = new MockEnvironment();
		postgres.setActiveProfiles("postgres");
		JwtDecoder decoder = SecurityConfig.decoder(hmac(OWN_SECRET), postgres);

		assertThat(decoder.decode(token(OWN_SECRET)).getSubject()).isEqualTo("gp");
		assertThatThrownBy(() -> decoder.decode(token(SecurityProperties.LOCAL_SECRET))).isInstanceOf(JwtException.class);
	}

	private static SecurityProperties.Jwt hmac(String secret) {
		return new SecurityProperties.Jwt("", "", secret, "", "", Duration.ofHours(24));
	}

	private static String token(String secret) {
		return Tokens.token("gp", "user/*.rs", null, null, Duration.ofMinutes(5), secret);
	}
}
