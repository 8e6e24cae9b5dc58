package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nl.zorgpad.questionnaire.InstrumentScorerTest;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.Replicas;
import nl.zorgpad.support.ServerTest;
import nl.zorgpad.support.TestDatabase;
import nl.zorgpad.support.Tokens;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scale-out story of a region: two server instances on one database (replica A is the suite's server,
 * replica B a second one started here on the same database — a real PostgreSQL in the postgres run). What one
 * writes the other serves at once; caches stay coherent; paging and the audit trail are shared; concurrent
 * rule-guarded writes spread over both keep the rules; a Subscription is delivered by the replica that received the
 * write; an export outlives the replica that started it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT extends ServerTest {
	private static ConfigurableApplicationContext replicaB;
	private static int portB;

	@BeforeAll
	static void aSecondReplicaOnTheSameDatabase() {
		replicaB = Replicas.start(TestDatabase.current().properties());
		portB = Replicas.port(replicaB);
	}

	@AfterAll
	static void stopReplicaB() {
		if (replicaB != null) {
			replicaB.close();
			replicaB = null;
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

	@Test
	void aSubscriptionMadeOnA_isLoadedByB_andAWriteOnB_isDeliveredOnce_byB() throws Exception {
		BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
		HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		app.createContext("/", exchange -> {
			delivered.add(exchange.getRequestURI().getPath());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		app.start();
		try {
			String owner = "PractitionerRole/" + fhir().body("{\"resourceType\":\"PractitionerRole\"}")
					.post("/PractitionerRole").then().statusCode(201).extract().jsonPath().getString("id");
			Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
					.setReason("replicas").setCriteria("Task?owner=" + owner);
			subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
					.setEndpoint("http://127.0.0.1:" + app.getAddress().getPort() + "/hook").setPayload(Fhir.JSON);
			fhir().body(Fhir.json(subscription)).post("/Subscription").then().statusCode(201);

			// B loads the active Subscriptions from the database once a minute: Tasks written on B before that go unheard
			String heard = Awaitility.await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(5))
					.until(() -> {
						newTaskOnB(owner);
						return delivered.poll(1, TimeUnit.SECONDS);
					}, path -> path != null);
			Thread.sleep(2_000); // deliveries of the earlier Tasks, if any, arrive now
			delivered.clear();
			String task = newTaskOnB(owner);

			assertThat(heard).startsWith("/hook/Task/");
			assertThat(delivered.poll(30, TimeUnit.SECONDS)).isEqualTo("/hook/Task/" + task);
			assertThat(delivered.poll(3, TimeUnit.SECONDS)).as("A, which never saw the write, delivers nothing").isNull();
		} finally {
			app.stop(0);
		}
	}

	private static String newTaskOnB(String owner) {
		return onB().body(Fhir.json(new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
				.setOwner(new Reference(owner)))).post("/Task").then().statusCode(201).extract().jsonPath().getString("id");
	}

	/** Last: it stops B. */
	@Test
	@Order(Integer.MAX_VALUE)
	void anExportKickedOffOnB_isFinishedByA_whenBIsGone() {
		String family = Fixtures.uniqueFamily();
		fhir().body(Fhir.json(Fixtures.elderlyPatient(family))).post("/Patient").then().statusCode(201);
		Response kickOff = onB().header("Prefer", "respond-async").urlEncodingEnabled(false)
				.get("/$export?_type=Patient&_typeFilter=Patient%3Ffamily%3D" + family);
		assertThat(kickOff.statusCode()).isEqualTo(202);

		stopReplicaB();
		String statusOnA = kickOff.header("Content-Location").replaceFirst("//[^/]+/fhir", "//localhost:" + port + "/fhir");
		Response manifest = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
				.until(() -> BulkExportIT.poll(statusOnA), answer -> answer.statusCode() == 200);

		List<String> files = manifest.jsonPath().getList("output.url", String.class);
		assertThat(files).singleElement().satisfies(url -> assertThat(BulkExportIT.download(url)).contains(family));
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
