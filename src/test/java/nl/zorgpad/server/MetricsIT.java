package nl.zorgpad.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import nl.zorgpad.support.Examples;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.ServerTest;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** Operators scrape the management port: request timings per interaction and type, and figures of our own. */
class MetricsIT extends ServerTest {

	@LocalManagementPort
	int managementPort;

	@Test
	void prometheusOnTheManagementPort_timesFhirRequestsByInteractionAndType() {
		fhir().get("/Patient?_count=1").then().statusCode(200);

		String scrape = prometheus();

		assertThat(managementPort).isNotEqualTo(port);
		assertThat(scrape).containsPattern(
				"zorgpad_fhir_requests_seconds_count\\{[^}]*interaction=\"search_type\"[^}]*status=\"2xx\"[^}]*type=\"Patient\"[^}]*}");
		assertThat(scrape).contains("zorgpad_audit_queue", "zorgpad_audit_failed_writes_total");
	}

	@Test
	void springsOwnRequestTimings_andSpringSecuritysObservations_areOff() {
		fhir().get("/Patient?_count=1").then().statusCode(200);
		fhir(null).get("/Patient?_count=1").then().statusCode(401);

		String scrape = prometheus();

		assertThat(scrape).contains("zorgpad_fhir_requests_seconds_count"); // the requests are timed, by us
		assertThat(scrape).doesNotContain("http_server_requests").doesNotContain("spring_security");
	}

	@Test
	void aRefusedWriteIsCountedUnderItsRule() {
		// a core-team meeting about a patient who has not consented to it: ZP-R1 (the rule itself: PathwayRulesIT)
		String patient = fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily()))).post("/Patient")
				.then().statusCode(201).extract().path("id");
		Encounter meeting = Examples.about("Encounter-kernteam-overleg", "Patient/" + patient);
		meeting.getReasonReference().clear();
		meeting.getParticipant().clear();
		fhir().body(Fhir.json(meeting)).post("/Encounter").then().statusCode(422);

		assertThat(prometheus()).containsPattern("zorgpad_rule_refusals_total\\{[^}]*rule=\"ZP-R\\d+\"[^}]*} [1-9]");
	}

	@Test
	void aPathThatIsNoResourceType_isCountedAsOther_soAUrlCannotCreateSeries() {
		String type = "Nonsense" + Fixtures.uniqueFamily();
		fhir().get("/" + type).then().statusCode(404);

		String scrape = prometheus();
		assertThat(scrape).doesNotContain(type);
		assertThat(scrape).containsPattern("zorgpad_fhir_requests_seconds_count\\{[^}]*status=\"4xx\"[^}]*type=\"other\"[^}]*}");
	}

	@Test
	void profileValidation_theJvm_tomcat_andTheConnectionPool_areMeasuredToo() {
		String patient = fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily()))).post("/Patient")
				.then().statusCode(201).extract().path("id");
		double before = validations(prometheus());
		Condition bareEpisode = new Condition().setSubject(new Reference("Patient/" + patient));
		bareEpisode.getCode().addCoding().setSystem("http://hl7.org/fhir/sid/icpc-1-nl").setCode("A49.01");
		fhir().body(Fhir.json(bareEpisode)).post("/Condition").then().statusCode(201); // validated as zp-frailty-episode

		String scrape = prometheus();
		assertThat(validations(scrape)).isGreaterThan(before);
		assertThat(scrape).contains("jvm_memory_used_bytes", "tomcat_sessions_active", "hikaricp_connections_active");
	}

	private static double validations(String scrape) {
		java.util.regex.Matcher count = java.util.regex.Pattern.compile("(?m)^zorgpad_validation_seconds_count(\\{[^}]*})? (\\S+)$")
				.matcher(scrape);
		return count.find() ? Double.parseDouble(count.group(2)) : 0;
	}

	@Test
	void theProbesAreAlsoOnTheFhirPort() {
		given().get("/readyz").then().statusCode(200);
		given().port(managementPort).get("/actuator/health").then().statusCode(200);
	}

	private String prometheus() {
		return given().port(managementPort).get("/actuator/prometheus").then().statusCode(200).extract().asString();
	}
}
