package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Validated tokens are remembered until they expire, and only then. */
class CachingJwtDecoderTest {
	private final AtomicInteger checks = new AtomicInteger();

	@Test
	void aTokenSentAgain_isNotCheckedAgain_whileItIsValid() {
		JwtDecoder decoder = new CachingJwtDecoder(checking(Instant.now().plusSeconds(600)));

		decoder.decode("token-a");
		decoder.decode("token-a");
		decoder.decode("token-b");

		assertThat(checks).hasValue(2);
	}

	@Test
	void aRememberedTokenThatHasExpired_isCheckedAgain_andRefusedThen() {
		Instant soon = Instant.now().plusMillis(200);
		JwtDecoder decoder = new CachingJwtDecoder(token -> {
			checks.incrementAndGet();
			if (Instant.now().isAfter(soon)) {
				throw new BadJwtException("expired");
			}
			return jwt(token, soon);
		});
		decoder.decode("token-a");

		await(soon.plusMillis(50));

		assertThatThrownBy(() -> decoder.decode("token-a")).isInstanceOf(BadJwtException.class);
		assertThat(checks).hasValue(2);
	}

	@Test
	void aTokenWithoutExpiry_isNeverRemembered() {
		JwtDecoder decoder = new CachingJwtDecoder(checking(null));

		decoder.decode("token-a");
		decoder.decode("token-a");

		assertThat(checks).hasValue(2);
	}

	private JwtDecoder checking(Instant expiresAt) {
		return token -> {
			checks.incrementAndGet();
			return jwt(token, expiresAt);
		};
	}

	private static Jwt jwt(String token, Instant expiresAt) {
		return new Jwt(token, Instant.now().minusSeconds(1), expiresAt, java.util.Map.of("alg", "HS256"),
				java.util.Map.of("sub", "gp"));
	}

	private static void await(Instant moment) {
		while (Instant.now().isBefore(moment)) {
			Thread.onSpinWait();
		}
	}
}
