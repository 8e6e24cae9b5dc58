package nl.zorgpad.security;

import java.util.Map;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from the bearer token: subject, client, SMART scopes, {@code fhirUser}
 * ({@code Practitioner/…}, {@code PractitionerRole/…}, {@code Patient/…}) and the {@code patient} claim.
 */
record Caller(String subject, String client, SmartScopes scopes, String fhirUser, String patient) {

	/** The caller of the current request, or null when the request carries no validated token. */
	static Caller current() {
		return of(SecurityContextHolder.getContext().getAuthentication());
	}

	/** The caller authenticated as this (a validated bearer token), or null. */
	static Caller of(Object authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			Map<String, Object> claims = token.getToken().getClaims();
			Object client = claims.containsKey("client_id") ? claims.get("client_id") : claims.get("azp");
			return new Caller(token.getToken().getSubject(), client == null ? null : client.toString(),
					parsed(scopes(claims)), string(claims.get("fhirUser")),
					string(claims.get("patient")));
		}
		return null;
	}

	/** Tokens of one client carry the same scope string: parsed once (a handful of distinct strings, bounded). */
	private static final Map<String, SmartScopes> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

	private static SmartScopes parsed(String scope) {
		if (scope == null) {
			return SmartScopes.parse(null);
		}
		if (PARSED.size() > 1000) {
			PARSED.clear();
		}
		return PARSED.computeIfAbsent(scope, SmartScopes::parse);
	}

	/** {@code scope} as one space-separated string, or {@code scp} as a list. */
	private static String scopes(Map<String, Object> claims) {
		Object scope = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
		return scope instanceof java.util.Collection<?> list
				? String.join(" ", list.stream().map(String::valueOf).toList())
				: string(scope);
	}

	private static String string(Object claim) {
		return claim == null ? null : claim.toString();
	}

	/** The patient id of a patient-context token: the {@code patient} claim, else a {@code Patient/…} fhirUser. */
	String patientId() {
		if (patient != null) {
			return patient.replaceFirst("^Patient/", "");
		}
		return fhirUser != null && fhirUser.startsWith("Patient/") ? fhirUser.substring("Patient/".length()) : null;
	}
}
