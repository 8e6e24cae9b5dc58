package nl.zorgpad.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/**
 * SMART App Launch discovery: {@code GET /fhir/.well-known/smart-configuration} (public) and the
 * SMART-on-FHIR security section of the CapabilityStatement. Zorgpad is a resource server: the endpoints
 * where tokens are obtained come from the identity provider's OpenID metadata
 * ({@code zorgpad.security.jwt.issuer-uri}), fetched on first use and kept; without an identity provider
 * (local runs with the HMAC secret) the document names no endpoints. What it declares of Zorgpad itself:
 * the scopes it understands (SMART v1 and v2), patient and user permissions, backend services
 * (client_credentials with system scopes).
 */
final class SmartConfiguration extends HttpServlet {
	static final String PATH = "/fhir/.well-known/smart-configuration";
	private static final Logger log = LoggerFactory.getLogger(SmartConfiguration.class);
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
	private static final List<String> SCOPES = List.of("openid", "fhirUser", "launch/patient",
			"patient/*.rs", "patient/*.read", "user/*.cruds", "user/*.read", "user/*.write",
			"system/*.rs", "system/*.cruds", "system/*.read", "system/*.write");
	private static final List<String> PERMISSIONS = List.of("permission-v1", "permission-v2",
			"permission-patient", "permission-user");

	private final SecurityProperties.Jwt jwt;
	private volatile Map<String, JsonNode> provider;

	SmartConfiguration(SecurityProperties.Jwt jwt) {
		this.jwt = jwt;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		JSON.writeValue(response.getOutputStream(), document());
	}

	/** The discovery document. */
	Map<String, Object> document() {
		Map<String, JsonNode> idp = provider();
		Map<String, Object> document = new LinkedHashMap<>();
		issuer().ifPresent(issuer -> document.put("issuer", issuer));
		Optional.ofNullable(idp.get("jwks_uri")).map(JsonNode::asText)
				.or(() -> Optional.ofNullable(jwt.jwkSetUri()).filter(StringUtils::hasText))
				.ifPresent(uri -> document.put("jwks_uri", uri));
		for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "introspection_endpoint",
				"revocation_endpoint", "token_endpoint_auth_methods_supported", "code_challenge_methods_supported",
				"response_types_supported")) {
			Optional.ofNullable(idp.get(endpoint))
					.ifPresent(value -> document.put(endpoint, value.isTextual() ? value.asText() : value));
		}
		List<String> grants = new java.util.ArrayList<>();
		List<String> capabilities = new java.util.ArrayList<>(PERMISSIONS);
		if (idp.containsKey("authorization_endpoint")) {
			grants.add("authorization_code");
			capabilities.addAll(List.of("launch-standalone", "context-standalone-patient", "client-public",
					"client-confidential-symmetric", "sso-openid-connect"));
		}
		if (idp.containsKey("token_endpoint")) {
			grants.add("client_credentials");
			capabilities.add("client-confidential-asymmetric");
		}
		document.put("grant_types_supported", grants);
		document.put("scopes_supported", SCOPES);
		document.put("capabilities", capabilities);
		return document;
	}

	/** The SMART-on-FHIR security section of the CapabilityStatement. */
	void describe(CapabilityStatement capabilities) {
		Map<String, JsonNode> idp = provider();
		capabilities.getRest().forEach(rest -> {
			CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
			security.setCors(true);
			security.addService(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
					"http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
			security.setDescription("OAuth 2.0 bearer tokens (SMART App Launch, v1 and v2 scopes; backend services"
					+ " with system scopes). Discovery: " + PATH.substring("/fhir".length()));
			Extension uris = new Extension(OAUTH_URIS);
			Map.of("authorize", "authorization_endpoint", "token", "token_endpoint").forEach((name, key) ->
					Optional.ofNullable(idp.get(key)).ifPresent(value -> uris.addExtension(name, new UriType(value.asText()))));
			if (uris.hasExtension()) {
				security.addExtension(uris);
			}
		});
	}

	private Optional<String> issuer() {
		return Optional.ofNullable(jwt.issuer()).filter(StringUtils::hasText)
				.or(() -> Optional.ofNullable(jwt.issuerUri()).filter(StringUtils::hasText));
	}

	/** The identity provider's OpenID metadata, fetched once it answers; empty without one. */
	private Map<String, JsonNode> provider() {
		Map<String, JsonNode> known = provider;
		if (known != null) {
			return known;
		}
		if (!StringUtils.hasText(jwt.issuerUri())) {
			return provider = Map.of();
		}
		String location = jwt.issuerUri().replaceFirst("/$", "") + "/.well-known/openid-configuration";
		try {
			HttpResponse<byte[]> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
					.send(HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.ofByteArray());
			if (answer.statusCode() != 200) {
				throw new IOException("HTTP " + answer.statusCode());
			}
			Map<String, JsonNode> metadata = new LinkedHashMap<>();
			JSON.readTree(answer.body()).fields().forEachRemaining(field -> metadata.put(field.getKey(), field.getValue()));
			return provider = Map.copyOf(metadata);
		} catch (IOException | RuntimeException e) {
			log.warn("OpenID metadata of the identity provider not available ({}): {}", location, e.getMessage());
			return Map.of(); // asked again on the next request
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Map.of();
		}
	}
}
