package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The discovery document takes its endpoints from the identity provider's OpenID metadata. */
@SuppressWarnings("unchecked")
class SmartConfigurationTest {
	private HttpServer identityProvider;
	private String issuer;

	@BeforeEach
	void anIdentityProviderWithOpenIdMetadata() throws Exception {
		identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		issuer = "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/realms/zorg";
		byte[] metadata = ("{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\","
				+ "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/certs\","
				+ "\"code_challenge_methods_supported\":[\"S256\"]}").getBytes(StandardCharsets.UTF_8);
		identityProvider.createContext("/realms/zorg/.well-known/openid-configuration", exchange -> {
			exchange.sendResponseHeaders(200, metadata.length);
			exchange.getResponseBody().write(metadata);
			exchange.close();
		});
		identityProvider.start();
	}

	@AfterEach
	void stop() {
		identityProvider.stop(0);
	}

	@Test
	void endpointsAndGrantsComeFromTheIdentityProvider() {
		Map<String, Object> document = configuration(issuer).document();

		assertThat(document).containsEntry("issuer", issuer);
		assertThat(document).containsEntry("token_endpoint", issuer + "/token");
		assertThat(document).containsEntry("authorization_endpoint", issuer + "/auth");
		assertThat(document).containsEntry("jwks_uri", issuer + "/certs");
		assertThat((List<Object>) document.get("grant_types_supported")).contains("authorization_code", "client_credentials");
		assertThat((List<Object>) document.get("capabilities")).contains("launch-standalone", "client-confidential-asymmetric");
	}

	@Test
	void theCapabilityStatementCarriesTheOauthUris() {
		CapabilityStatement capabilities = new CapabilityStatement();
		capabilities.addRest();

		configuration(issuer).describe(capabilities);

		var uris = capabilities.getRestFirstRep().getSecurity()
				.getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
		assertThat(uris.getExtensionByUrl("token").getValue().primitiveValue()).isEqualTo(issuer + "/token");
		assertThat(uris.getExtensionByUrl("authorize").getValue().primitiveValue()).isEqualTo(issuer + "/auth");
	}

	@Test
	void withoutAnIdentityProvider_noEndpointsAndNoGrantsAreClaimed() {
		Map<String, Object> document = configuration("").document();

		assertThat(document).doesNotContainKeys("token_endpoint", "authorization_endpoint", "issuer");
		assertThat((List<Object>) document.get("grant_types_supported")).isEmpty();
	}

	private static SmartConfiguration configuration(String issuerUri) {
		return new SmartConfiguration(new SecurityProperties.Jwt(issuerUri, "", SecurityProperties.LOCAL_SECRET, "", "",
				Duration.ofHours(24)));
	}
}
