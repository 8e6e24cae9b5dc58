package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import nl.zorgpad.support.Examples;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.ServerTest;
import nl.zorgpad.support.Tokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Who may see what, over HTTP with signed tokens, on the example story (mevrouw Jansen: GP De Boer,
 * POH Van Dijk and social worker Smit in her core team, consent to discuss her in the core team).
 */
class SecurityIT extends ServerTest {
	private static final String JANSEN = "Patient/mevrouw-jansen";
	private static final String GP = "PractitionerRole/huisarts-de-boer";
	private static final String POH = "PractitionerRole/poh-van-dijk";
	private static final String SOCIAL = "PractitionerRole/maatschappelijk-werker-smit";
	private static final String OUTSIDER = "PractitionerRole/security-outsider";

	@BeforeEach
	void theExampleStory_andAProfessionalOutsideIt() {
		fhir().body(Fhir.json(Examples.transaction())).post("/").then().statusCode(200);
		fhir().body("{\"resourceType\":\"Organization\",\"id\":\"security-other-practice\",\"name\":\"Elders\"}")
				.put("/Organization/security-other-practice").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
		fhir().body("{\"resourceType\":\"PractitionerRole\",\"id\":\"security-outsider\",\"organization\":"
				+ "{\"reference\":\"Organization/security-other-practice\"}}")
				.put("/" + OUTSIDER).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
	}

	private static String user(String fhirUser) {
		return Tokens.of("user/*.cruds", fhirUser, null);
	}

	private static void put(String path, String json) {
		fhir().body(json).put("/" + path).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
	}

	private static void denied(io.restassured.response.Response response) {
		response.then().statusCode(403).body("resourceType", equalTo("OperationOutcome"));
	}

	@Nested
	class Authentication {
		@Test
		void refusesRequestsWithoutAValidToken_with401AndAnOperationOutcome() {
			for (String token : new String[] {null,
					Tokens.token("late", "system/*.cruds", null, null, Duration.ofMinutes(-5), Tokens.SECRET),
					Tokens.token("forged", "system/*.cruds", null, null, Duration.ofHours(1),
							"someone-elses-secret-0123456789-abcdefghij")}) {
				fhir(token).get("/" + JANSEN).then().statusCode(401)
						.header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
						.body("resourceType", equalTo("OperationOutcome"));
			}
		}

		@Test
		void allowsBrowserAppsFromConfiguredOrigins_only() {
			io.restassured.RestAssured.given().header("Origin", "https://zorgapp.example")
					.header("Access-Control-Request-Method", "GET").options("/fhir/Patient")
					.then().statusCode(200).header("Access-Control-Allow-Origin", "https://zorgapp.example");
			io.restassured.RestAssured.given().header("Origin", "https://elsewhere.example")
					.header("Access-Control-Request-Method", "GET").options("/fhir/Patient")
					.then().statusCode(403);
		}

		@Test
		void leavesTheCapabilityStatementAndHealthOpen() {
			fhir(null).get("/metadata").then().statusCode(200);
			io.restassured.RestAssured.given().get("/readyz").then().statusCode(200);
		}
	}

	@Nested
	class SystemClients {
		@Test
		void aGpSystem_writesAndReads() {
			fhir(Tokens.system()).get("/" + JANSEN).then().statusCode(200);
			fhir(Tokens.system()).body("{\"resourceType\":\"Basic\",\"code\":{\"text\":\"x\"}}").post("/Basic")
					.then().statusCode(201);
		}

		@Test
		void anIntegratorWithReadScopes_readsAndRunsTheReports_butCannotWrite() {
			String integrator = Tokens.of("system/*.rs", null, null);
			fhir(integrator).get("/" + JANSEN).then().statusCode(200);
			fhir(integrator).get("/Patient/$screening-list?_count=5").then().statusCode(200);
			fhir(integrator).get("/$monitoring-report").then().statusCode(200);
			denied(fhir(integrator).body("{\"resourceType\":\"Basic\",\"code\":{\"text\":\"x\"}}").post("/Basic"));
		}

		@Test
		void aClientWithOnlyCarePlanScopes_seesNoConditions() {
			String carePlans = Tokens.of("system/CarePlan.rs", null, null);
			fhir(carePlans).get("/CarePlan?subject=" + JANSEN).then().statusCode(200);
			denied(fhir(carePlans).get("/Condition?subject=" + JANSEN));
			denied(fhir(carePlans).get("/CarePlan?subject=" + JANSEN + "&_include=CarePlan:condition"));
		}
	}

	@Nested
	class Professionals {
		@Test
		void theGpOfThePractice_andThePohInTheCoreTeam_seeTheRecord() {
			for (String professional : List.of(GP, POH)) {
				fhir(user(professional)).get("/" + JANSEN).then().statusCode(200);
				fhir(user(professional)).get("/Condition?subject=" + JANSEN).then().statusCode(200);
				fhir(user(professional)).get("/" + JANSEN + "/$pathway").then().statusCode(200);
				fhir(user(professional)).get("/" + JANSEN + "/$everything").then().statusCode(200);
			}
		}

		@Test
		void aProfessionalOutsideTheCareRelationship_seesNothing_evenThroughIncludes() {
			String outsider = user(OUTSIDER);
			fhir(outsider).get("/" + JANSEN).then().statusCode(404); // as if she did not exist
			denied(fhir(outsider).get("/Condition?subject=" + JANSEN));
			denied(fhir(outsider).get("/Patient?_id=mevrouw-jansen&_revinclude=Condition:subject"));
			denied(fhir(outsider).get("/" + JANSEN + "/$everything"));
			denied(fhir(outsider).get("/" + JANSEN + "/$pathway"));
			denied(fhir(outsider).get("/Patient/$screening-list"));
			fhir(outsider).get("/" + OUTSIDER).then().statusCode(200); // the directory is not patient data
		}

		@Test
		void theSocialDomain_seesTheSharedPlanWhileConsented_butNotTheMedicalRecord() {
			String patient = "Patient/security-consented";
			put(patient, "{\"resourceType\":\"Patient\",\"id\":\"security-consented\",\"birthDate\":\"1938-03-01\"}");
			org.hl7.fhir.r4.model.Consent consent = Examples.about("Consent-bespreken-kernteam", patient);
			consent.setId("security-consented-consent");
			consent.setDateTime(new java.util.Date());
			consent.getProvision().getPeriod().setStart(new java.util.Date())
					.setEnd(java.sql.Date.valueOf(Fixtures.today().plusYears(1)));
			put("Consent/security-consented-consent", Fhir.json(consent));
			put("CareTeam/security-consented-team", "{\"resourceType\":\"CareTeam\",\"id\":\"security-consented-team\","
					+ "\"status\":\"active\",\"subject\":{\"reference\":\"" + patient + "\"},\"participant\":[{\"member\":"
					+ "{\"reference\":\"" + SOCIAL + "\"}}]}");
			put("CarePlan/security-consented-plan", "{\"resourceType\":\"CarePlan\",\"id\":\"security-consented-plan\","
					+ "\"status\":\"active\",\"intent\":\"plan\",\"subject\":{\"reference\":\"" + patient + "\"}}");
			put("Condition/security-consented-problem", "{\"resourceType\":\"Condition\",\"id\":\"security-consented-problem\","
					+ "\"code\":{\"text\":\"hartfalen\"},\"subject\":{\"reference\":\"" + patient + "\"}}");

			String social = user(SOCIAL);
			fhir(social).get("/CarePlan?subject=" + patient).then().statusCode(200).body("total", equalTo(1));
			fhir(social).get("/CareTeam?subject=" + patient).then().statusCode(200).body("total", equalTo(1));
			denied(fhir(social).get("/Condition?subject=" + patient));
			denied(fhir(social).get("/Condition/security-consented-problem"));
			denied(fhir(social).get("/" + patient + "/$pathway"));
			denied(fhir(social).get("/CarePlan?subject=" + JANSEN)); // her consent of the examples ran out on 2026-09-30
		}

		@Test
		void theSocialDomain_seesNothing_withoutTheDiscussionConsent() {
			String patient = "Patient/security-no-consent";
			fhir().body("{\"resourceType\":\"Patient\",\"id\":\"security-no-consent\",\"birthDate\":\"1940-01-01\"}")
					.put("/" + patient).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
			fhir().body("{\"resourceType\":\"CareTeam\",\"id\":\"security-no-consent-team\",\"status\":\"active\","
					+ "\"subject\":{\"reference\":\"" + patient + "\"},\"participant\":[{\"member\":{\"reference\":\""
					+ SOCIAL + "\"}}]}").put("/CareTeam/security-no-consent-team")
					.then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

			denied(fhir(user(SOCIAL)).get("/CareTeam?subject=" + patient));
			fhir(user(POH)).get("/CareTeam?subject=" + JANSEN).then().statusCode(200);
		}
	}

	@Nested
	class Patients {
		@Test
		void aPatient_readsHerOwnRecordPlanTeamGoalsAndScores_nothingElse() {
			String jansen = Tokens.of("patient/*.rs", null, "mevrouw-jansen");
			fhir(jansen).get("/" + JANSEN).then().statusCode(200).body("id", org.hamcrest.Matchers.equalTo("mevrouw-jansen"));
			fhir(jansen).get("/CarePlan?subject=" + JANSEN).then().statusCode(200);
			fhir(jansen).get("/CareTeam?subject=" + JANSEN).then().statusCode(200);
			fhir(jansen).get("/Goal?subject=" + JANSEN).then().statusCode(200);
			fhir(jansen).get("/Observation/score-gfi-jansen").then().statusCode(200);
			denied(fhir(jansen).get("/Condition?subject=" + JANSEN));
			fhir(jansen).get("/CarePlan?subject=" + JANSEN + "&_include=CarePlan:condition").then().statusCode(200)
					.body("entry.resource.resourceType", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Condition")));
			denied(fhir(jansen).get("/CarePlan?subject=Patient/security-no-consent"));
		}
	}

	@Nested
	class AuditTrail {
		private final String auditor = Tokens.of("system/AuditEvent.rs", null, null);

		private JsonPath eventsOf(String client, int expected) {
			return Awaitility.await().atMost(Duration.ofSeconds(20)).until(
					() -> fhir(auditor).get("/AuditEvent?altid=" + client).then().statusCode(200).extract().jsonPath(),
					events -> events.getInt("total") >= expected);
		}

		@Test
		void everyRequest_leavesExactlyOneAuditEvent_withThePatientAndTheOutcome() {
			String client = "audit-" + UUID.randomUUID();
			String token = Tokens.token("nurse-1", client, "user/*.cruds", POH, null, Duration.ofHours(1), Tokens.SECRET);
			fhir(token).get("/" + JANSEN).then().statusCode(200);
			fhir(token).get("/Condition?subject=" + JANSEN).then().statusCode(200);
			fhir(token).get("/Patient/does-not-exist").then().statusCode(org.hamcrest.Matchers.oneOf(403, 404));
			fhir(token).body("{\"resourceType\":\"Condition\",\"code\":{\"text\":\"valneiging\"},"
					+ "\"subject\":{\"reference\":\"" + JANSEN + "\"}}").post("/Condition").then().statusCode(201);
			fhir(token).get("/" + JANSEN + "/$pathway").then().statusCode(200);

			JsonPath events = eventsOf(client, 5);
			assertThat(events.getInt("total")).isEqualTo(5);
			assertThat(events.getList("entry.resource.collect { it.subtype[0].code }"))
					.containsExactlyInAnyOrder("read", "search-type", "read", "create", "extended-operation-instance");
			assertThat(events.getList("entry.resource.findAll { it.subtype[0].code == 'create' }.action")).containsOnly("C");
			assertThat(events.getList("entry.resource.findAll { it.outcome == '0' }.entity.flatten().what.reference"))
					.contains(JANSEN);
			assertThat(events.getList("entry.resource.outcome")).contains("0", "4");
			assertThat(events.getList("entry.resource.collect { it.agent[0].who.identifier.value }")).containsOnly("nurse-1");
			assertThat(events.getList("entry.resource.collect { it.agent[0].who.reference }")).containsOnly(POH);
		}

		@Test
		void theAuditTrail_cannotBeChanged_norReadWithoutItsOwnScope() {
			String client = "audit-" + UUID.randomUUID();
			fhir(Tokens.token("x", client, "system/*.rs", null, null, Duration.ofHours(1), Tokens.SECRET))
					.get("/" + JANSEN).then().statusCode(200);
			String id = eventsOf(client, 1).getString("entry[0].resource.id");
			String everything = Tokens.of("system/*.cruds system/AuditEvent.cruds", null, null);

			// the audit trail has no create, update or delete: HAPI answers that it cannot handle them (400 + OperationOutcome)
			fhir(everything).body("{\"resourceType\":\"AuditEvent\",\"id\":\"" + id + "\"}").put("/AuditEvent/" + id)
					.then().statusCode(org.hamcrest.Matchers.oneOf(400, 403, 405)).body("resourceType", equalTo("OperationOutcome"));
			fhir(everything).delete("/AuditEvent/" + id)
					.then().statusCode(org.hamcrest.Matchers.oneOf(400, 403, 405)).body("resourceType", equalTo("OperationOutcome"));
			fhir(everything).body("{\"resourceType\":\"AuditEvent\"}").post("/AuditEvent")
					.then().statusCode(org.hamcrest.Matchers.oneOf(400, 403, 405));
			denied(fhir(Tokens.system()).get("/AuditEvent/" + id));
			fhir(auditor).get("/AuditEvent/" + id).then().statusCode(200).body("outcome", equalTo("0"));
		}
	}
}
