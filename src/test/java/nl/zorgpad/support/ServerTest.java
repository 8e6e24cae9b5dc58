package nl.zorgpad.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import nl.zorgpad.ZorgpadApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every HTTP test: the real Zorgpad server on a random port, on the database of
 * {@link TestDatabase#current()}. All subclasses share one booted server (same configuration).
 */
@SpringBootTest(classes = ZorgpadApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.ProfileResolver.class)
public abstract class ServerTest {

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.current().register(registry);
		registry.add("zorgpad.security.jwt.hmac-secret", () -> Tokens.SECRET);
		registry.add("zorgpad.security.allowed-origins", () -> "https://zorgapp.example");
		// Spring Boot tests switch metric export off unless asked: the metrics are part of what is tested
		registry.add("management.prometheus.metrics.export.enabled", () -> "true");
		registry.add("zorgpad.fhir.job-poll-interval", () -> "1s"); // Bulk Data exports finish within seconds
		if (Fixtures.pinnedDay() != null) { // -Dzorgpad.test.today: the suite on a chosen calendar day
			registry.add("zorgpad.clock.today", () -> Fixtures.pinnedDay().toString());
		}
	}

	@BeforeEach
	void pointRestAssuredAtTheServer() {
		RestAssured.port = port;
		RestAssured.basePath = "";
		RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
	}

	/** A request to the FHIR endpoint that sends and accepts FHIR JSON, as a GP system (system/*.cruds). */
	protected static RequestSpecification fhir() {
		return fhir(Tokens.system());
	}

	/** The same with the caller's bearer token (null: none). */
	protected static RequestSpecification fhir(String token) {
		RequestSpecification request = RestAssured.given().basePath("/fhir")
				.contentType(Fhir.JSON + "; charset=UTF-8").accept(Fhir.JSON);
		return token == null ? request : request.auth().oauth2(token);
	}
}
