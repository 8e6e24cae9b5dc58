package nl.zorgpad.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import nl.zorgpad.support.ServerTest;
import org.junit.jupiter.api.Test;

/** A SMART app or backend service finds out, without a token, how to get one and what the server grants. */
class SmartDiscoveryIT extends ServerTest {

	@Test
	void smartConfigurationIsPublic_andDeclaresScopesAndPermissions() {
		given().get("/fhir/.well-known/smart-configuration").then().statusCode(200)
				.contentType("application/json")
				.body("capabilities", hasItems("permission-v2", "permission-patient", "permission-user"))
				.body("scopes_supported", hasItems("system/*.rs", "patient/*.rs", "user/*.cruds"))
				// this test server has no identity provider (HMAC secret): it names no endpoints it does not have
				.body("$", not(hasKey("token_endpoint")));
	}

	@Test
	void theCapabilityStatementNamesSmartOnFhirAsItsSecurityService() {
		given().get("/fhir/metadata").then().statusCode(200)
				.body("rest[0].security.service[0].coding.code", hasItem("SMART-on-FHIR"));
	}
}
