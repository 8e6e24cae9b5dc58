package nl.zorgpad.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.util.StringUtils;

/**
 * What a token must say besides a valid signature: an expiry ({@code exp}) within the maximum lifetime,
 * the configured issuer and audience, and a {@code patient} claim that agrees with a patient
 * {@code fhirUser}. Anything else is 401.
 */
final class TokenClaims {
	private TokenClaims() {}

	static OAuth2TokenValidator<Jwt> validator(SecurityProperties.Jwt settings) {
		List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
		String issuer = StringUtils.hasText(settings.issuer()) ? settings.issuer() : settings.issuerUri();
		checks.add(StringUtils.hasText(issuer) ? JwtValidators.createDefaultWithIssuer(issuer)
				: JwtValidators.createDefault());
		checks.add(token -> lifetime(token, settings.maxLifetime()));
		if (StringUtils.hasText(settings.audience())) {
			checks.add(token -> token.getAudience() != null && token.getAudience().contains(settings.audience())
					? OAuth2TokenValidatorResult.success()
					: invalid("the token is not meant for this server (aud)"));
		}
		checks.add(TokenClaims::patientAgreesWithFhirUser);
		return new DelegatingOAuth2TokenValidator<>(checks);
	}

	private static OAuth2TokenValidatorResult lifetime(Jwt token, Duration max) {
		Instant expires = token.getExpiresAt();
		if (expires == null) {
			return invalid("the token has no expiry (exp)");
		}
		Instant issued = token.getIssuedAt() == null ? Instant.now() : token.getIssuedAt();
		return Duration.between(issued, expires).compareTo(max) > 0
				? invalid("the token lives longer than " + max.toHours() + " hours")
				: OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult patientAgreesWithFhirUser(Jwt token) {
		String patient = token.getClaimAsString("patient");
		String fhirUser = token.getClaimAsString("fhirUser");
		if (patient != null && fhirUser != null && fhirUser.startsWith("Patient/")
				&& !fhirUser.equals("Patient/" + patient.replaceFirst("^Patient/", ""))) {
			return invalid("the patient claim contradicts fhirUser");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult invalid(String reason) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", reason, null));
	}
}
