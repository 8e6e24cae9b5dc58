package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.zorgpad.ZorgpadApplication;
import nl.zorgpad.questionnaire.InstrumentScorerTest;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.ServerTest;
import nl.zorgpad.support.TestDatabase;
import nl.zorgpad.support.Tokens;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scale-out story of a region: two server instances on one database (replica A is the suite's server,
 * replica B a second one started here on the same database — a real PostgreSQL in the postgres run). What one
 * writes the other serves at once; caches stay coherent; paging and the audit trail are shared; concurrent
 * rule-guarded writes spread over both keep the rules.
 */
class TwoReplicasIT extends ServerTest {
	private static ConfigurableApplicationContext replicaB;
	private static int portB;

	@BeforeAll
	static void aSecondReplicaOnTheSameDatabase() {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--zorgpad.security.jwt.hmac-secret=" + Tokens.SECRET));
		TestDatabase.current().properties().forEach((key, value) -> arguments.add("--" + key + "=" + value));
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ZorgpadApplication.class);
		if (TestDatabase.current() == TestDatabase.POSTGRES) {
			builder.profiles("postgres");
		}
		replicaB = builder.run(arguments.toArray(String[]::new));
		portB = ((ServletWebServerApplicationContext) replicaB).getWebServer().getPort();
	}

	@AfterAll
	static void stopReplicaB() {
		if (replicaB != null) {
			replicaB.close();
		}
	}

	private static RequestSpecification onB() {
		return RestAssured.given().port(portB).basePath("/fhir").contentType(Fhir.JSON + "; charset=UTF-8")
				.accept(Fhir.JSON).auth().oauth2(Tokens.system());
	}

	@Test
	void aWriteOnA_isReadOnB_atOnce() {
		String id = fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily()))).post("/Patient").then()
				.statusCode(201).extract().jsonPath().getString("id");

		onB().get("/Patient/" + id).then().statusCode(200);
	}

	@Test
	void aQuestionnaireUploadedOnA_scoresOnB_atOnce() {
		String canonical = "https://zorgpad.nl/fhir/Questionnaire/replica-" + UUID.randomUUID();
		String patient = "Patient/" + fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily())))
				.post("/Patient").then().statusCode(201).extract().jsonPath().getString("id");
		Questionnaire gfi = InstrumentScorerTest.questionnaire("gfi");
		gfi.setId((String) null);
		gfi.setUrl(canonical);
		QuestionnaireResponse response = InstrumentScorerTest.respond(gfi, "worst", Map.of());
		response.setSubject(new Reference(patient));

		String before = onB().body(Fhir.json(response)).post("/QuestionnaireResponse").then().statusCode(201).extract()
				.jsonPath().getString("id");
		onB().get("/Observation/score-" + before).then().statusCode(404); // B knows no such Questionnaire yet
		fhir().body(Fhir.json(gfi)).post("/Questionnaire").then().statusCode(201);
		String after = onB().body(Fhir.json(response)).post("/QuestionnaireResponse").then().statusCode(201).extract()
				.jsonPath().getString("id");

		onB().get("/Observation/score-" + after).then().statusCode(200);
	}

	@Test
	void aNurseJoiningOrLeavingATeamOnA_isJudgedSoOnB_atOnce() {
		String nurse = "Practitioner/" + fhir().body("{\"resourceType\":\"Practitioner\"}").post("/Practitioner").then()
				.statusCode(201).extract().jsonPath().getString("id");
		String patient = fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily()))).post("/Patient").then()
				.statusCode(201).extract().jsonPath().getString("id");
		String asNurse = Tokens.of("user/*.cruds", nurse, null);
		onB().auth().oauth2(asNurse).get("/Patient/" + patient).then().statusCode(404); // kept on B from now on

		String team = fhir().body(careTeam(patient, nurse)).post("/CareTeam").then().statusCode(201).extract()
				.jsonPath().getString("id");
		onB().auth().oauth2(asNurse).get("/Patient/" + patient).then().statusCode(200);

		fhir().delete("/CareTeam/" + team).then().statusCode(200);
		onB().auth().oauth2(asNurse).get("/Patient/" + patient).then().statusCode(404);
	}

	private static String careTeam(String patient, String member) {
		return "{\"resourceType\":\"CareTeam\",\"status\":\"active\",\"subject\":{\"reference\":\"Patient/" + patient
				+ "\"},\"participant\":[{\"member\":{\"reference\":\"" + member + "\"}}]}";
	}

	@Test
	void searchPagingStartedOnA_continuesOnB() {
		String family = Fixtures.uniqueFamily();
		for (int i = 0; i < 3; i++) {
			fhir().body(Fhir.json(Fixtures.elderlyPatient(family))).post("/Patient").then().statusCode(201);
		}
		String next = fhir().get("/Patient?family=" + family + "&_count=2").jsonPath()
				.getString("link.find { it.relation == 'next' }.url");
		assertThat(next).isNotNull();

		String onReplicaB = next.replaceFirst("//[^/]+/fhir", "//localhost:" + portB + "/fhir");
		RestAssured.given().auth().oauth2(Tokens.system()).accept(Fhir.JSON).get(onReplicaB).then().statusCode(200)
				.body("entry.size()", org.hamcrest.Matchers.equalTo(1));
	}

	@Test
	void rulesHold_whenConcurrentWritesAreSpreadOverBothReplicas() throws Exception {
		String patient = "Patient/" + fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily())))
				.post("/Patient").then().statusCode(201).extract().jsonPath().getString("id");
		// ZP-R6 "one start phase per patient", on a trajectory that needs no admission yet (status planned)
		fhir().body(Fhir.json(nl.zorgpad.support.Examples.transaction())).post("/").then().statusCode(200);
		org.hl7.fhir.r4.model.EpisodeOfCare planned = nl.zorgpad.support.Examples.about(
				"EpisodeOfCare-gzsp-zorgtraject-jansen", patient);
		planned.getDiagnosis().clear();
		planned.getTeam().clear();
		planned.setStatus(org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus.PLANNED);
		planned.setPeriod(new org.hl7.fhir.r4.model.Period().setStart(new java.util.Date()));
		String trajectory = Fhir.json(planned);
		ExecutorService writers = Executors.newFixedThreadPool(6);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			boolean a = i % 2 == 0;
			answers.add(writers.submit(() -> {
				start.await();
				return (a ? fhir() : onB()).body(trajectory).post("/EpisodeOfCare").statusCode();
			}));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> answer : answers) {
			statuses.add(answer.get(60, TimeUnit.SECONDS));
		}
		writers.shutdown();

		assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
		assertThat(statuses).filteredOn(status -> status != 201).containsOnly(422);
	}

	@Test
	void theAuditEventsOfBothReplicas_landInOneTrail() {
		String client = "replicas-" + UUID.randomUUID();
		String token = Tokens.token("r", client, "system/*.rs", null, null, Duration.ofHours(1), Tokens.SECRET);
		fhir(token).get("/metadata").then().statusCode(200);
		fhir(token).get("/Patient?_count=1").then().statusCode(200);
		RestAssured.given().port(portB).auth().oauth2(token).accept(Fhir.JSON).get("/fhir/Patient?_count=1").then()
				.statusCode(200);

		String auditor = Tokens.of("system/AuditEvent.rs", null, null);
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(
				() -> fhir(auditor).get("/AuditEvent?altid=" + client).jsonPath().getInt("total"), total -> total == 2);
		onB().auth().oauth2(auditor).get("/AuditEvent?altid=" + client).then().body("total", org.hamcrest.Matchers.equalTo(2));
	}
}
