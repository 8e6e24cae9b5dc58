package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenClaimsTest {
	private static final SecurityProperties.Jwt SETTINGS = new SecurityProperties.Jwt(null, null, "x".repeat(32),
			"https://idp.zorgpad.example", "zorgpad-fhir", Duration.ofHours(24));
	private final OAuth2TokenValidator<Jwt> validator = TokenClaims.validator(SETTINGS);

	private static Jwt.Builder token() {
		Instant now = Instant.now();
		return Jwt.withTokenValue("t").header("alg", "HS256").subject("s").issuer("https://idp.zorgpad.example")
				.audience(List.of("zorgpad-fhir")).issuedAt(now.minusSeconds(60)).expiresAt(now.plusSeconds(3600));
	}

	@Test
	void acceptsATokenOfTheIssuerForThisServer_withinItsLifetime() {
		assertThat(validator.validate(token().build()).hasErrors()).isFalse();
	}

	@Test
	void refusesATokenForAnotherAudience_orFromAnotherIssuer() {
		assertThat(validator.validate(token().audience(List.of("another-api")).build()).hasErrors()).isTrue();
		assertThat(validator.validate(token().issuer("https://elsewhere.example").build()).hasErrors()).isTrue();
	}

	@Test
	void refusesATokenWithoutExpiry_orLivingLongerThanAllowed() {
		Instant now = Instant.now();
		assertThat(validator.validate(token().claims(claims -> claims.remove("exp")).build()).hasErrors()).isTrue();
		assertThat(validator.validate(token().expiresAt(now.plus(Duration.ofDays(365L * 50))).build()).hasErrors()).isTrue();
	}

	@Test
	void refusesAPatientClaimThatContradictsFhirUser() {
		assertThat(validator.validate(token().claim("patient", "a").claim("fhirUser", "Patient/b").build()).hasErrors())
				.isTrue();
		assertThat(validator.validate(token().claim("patient", "a").claim("fhirUser", "Patient/a").build()).hasErrors())
				.isFalse();
	}
}
