package nl.zorgpad.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Signed test tokens (HS256 with the test secret the server is started with). */
public final class Tokens {
	/** Not the well-known local secret: the PostgreSQL runs would refuse that one. */
	public static final String SECRET = "zorgpad-test-secret-0123456789-abcdefghij";

	private Tokens() {}

	/** A GP system / loader: everything. */
	public static String system() {
		return token("test-system", "system/*.cruds", null, null, Duration.ofHours(1), SECRET);
	}

	public static String of(String scope, String fhirUser, String patient) {
		return token("test-" + scope.hashCode(), scope, fhirUser, patient, Duration.ofHours(1), SECRET);
	}

	public static String token(String subject, String scope, String fhirUser, String patient, Duration valid,
			String secret) {
		return token(subject, "zorgpad-tests", scope, fhirUser, patient, valid, secret);
	}

	public static String token(String subject, String client, String scope, String fhirUser, String patient,
			Duration valid, String secret) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).claim("scope", scope)
				.claim("client_id", client).issueTime(Date.from(now.minusSeconds(60)));
		if (valid != null) {
			claims.expirationTime(Date.from(now.plus(valid))); // null: a token without expiry
		}
		if (fhirUser != null) {
			claims.claim("fhirUser", fhirUser);
		}
		if (patient != null) {
			claims.claim("patient", patient);
		}
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
