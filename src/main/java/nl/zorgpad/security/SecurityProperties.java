package nl.zorgpad.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code zorgpad.security.*}.
 *
 * @param enabled bearer tokens, authorization and audit; {@code false} only for a throw-away local run
 * @param jwt where token signatures are checked
 * @param allowedOrigins browser origins allowed by CORS (none by default)
 * @param audit write an AuditEvent for every access to patient data
 */
@ConfigurationProperties("zorgpad.security")
record SecurityProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue Jwt jwt,
		@DefaultValue List<String> allowedOrigins,
		@DefaultValue("true") boolean audit) {

	/** The well-known secret of local runs; the server refuses it under the {@code postgres} profile. */
	static final String LOCAL_SECRET = "zorgpad-local-development-secret-not-for-real-patients";

	/**
	 * @param issuerUri the identity provider (OpenID discovery); takes precedence
	 * @param jwkSetUri the identity provider's JWKS
	 * @param hmacSecret shared HMAC-SHA256 secret (at least 32 bytes) when neither is set
	 * @param issuer the {@code iss} every token must carry (empty: the issuer-uri, else not checked)
	 * @param audience the {@code aud} every token must include (empty: not checked)
	 * @param maxLifetime longest accepted token lifetime ({@code exp} minus {@code iat}); a token without
	 *        {@code exp} is never accepted
	 */
	record Jwt(String issuerUri, String jwkSetUri, @DefaultValue(LOCAL_SECRET) String hmacSecret,
			@DefaultValue("") String issuer, @DefaultValue("") String audience,
			@DefaultValue("24h") java.time.Duration maxLifetime) {}
}
