package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import nl.zorgpad.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
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

	/** The identity provider of a region: its OpenID discovery document and its signing keys, over HTTP. */
	@Nested
	class InProduction {
		private final RSAKey signing = rsaKey("idp-key");
		private HttpServer provider;
		private String issuer;

		@BeforeEach
		void anIdentityProvider() throws IOException {
			provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/zorgpad";
			serve("/realms/zorgpad/.well-known/openid-configuration", "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\""
					+ issuer + "/keys\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
			serve("/realms/zorgpad/keys", new JWKSet(signing.toPublicJWK()).toString());
			provider.start();
		}

		@AfterEach
		void stop() {
			provider.stop(0);
		}

		@Test
		void withAnIssuerUri_tokensAreCheckedAgainstTheKeysItsDiscoveryNames() {
			JwtDecoder decoder = SecurityConfig.decoder(new SecurityProperties.Jwt(issuer, "", SecurityProperties.LOCAL_SECRET,
					"", "", Duration.ofHours(24)), new MockEnvironment());

			assertThat(decoder.decode(signed(signing, issuer)).getSubject()).isEqualTo("gp");
			assertThatThrownBy(() -> decoder.decode(signed(rsaKey("idp-key"), issuer))).isInstanceOf(JwtException.class);
			assertThatThrownBy(() -> decoder.decode(signed(signing, "https://another.example"))).isInstanceOf(JwtException.class);
			assertThatThrownBy(() -> decoder.decode(token(SecurityProperties.LOCAL_SECRET))).isInstanceOf(JwtException.class);
		}

		@Test
		void withAJwkSetUri_tokensAreCheckedAgainstThoseKeys() {
			JwtDecoder decoder = SecurityConfig.decoder(new SecurityProperties.Jwt("", issuer + "/keys",
					SecurityProperties.LOCAL_SECRET, issuer, "", Duration.ofHours(24)), new MockEnvironment());

			assertThat(decoder.decode(signed(signing, issuer)).getSubject()).isEqualTo("gp");
			assertThatThrownBy(() -> decoder.decode(signed(rsaKey("idp-key"), issuer))).isInstanceOf(JwtException.class);
			assertThatThrownBy(() -> decoder.decode(token(SecurityProperties.LOCAL_SECRET))).isInstanceOf(JwtException.class);
		}

		private void serve(String path, String json) {
			provider.createContext(path, exchange -> {
				byte[] body = json.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
		}
	}

	private static RSAKey rsaKey(String id) {
		try {
			return new RSAKeyGenerator(2048).keyID(id).generate();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String signed(RSAKey key, String issuer) {
		Instant now = Instant.now();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					new JWTClaimsSet.Builder().subject("gp").issuer(issuer).claim("scope", "user/*.rs")
							.issueTime(Date.from(now.minusSeconds(60))).expirationTime(Date.from(now.plusSeconds(300))).build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	private static SecurityProperties.Jwt hmac(String secret) {
		return new SecurityProperties.Jwt("", "", secret, "", "", Duration.ofHours(24));
	}

	private static String token(String secret) {
		return Tokens.token("gp", "user/*.rs", null, null, Duration.ofMinutes(5), secret);
	}
}
