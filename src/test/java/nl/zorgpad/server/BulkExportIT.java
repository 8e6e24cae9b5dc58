package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.ServerTest;
import nl.zorgpad.support.Tokens;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** An integrator pulls a population with FHIR Bulk Data: kick-off, polling with progress, manifest, NDJSON. */
class BulkExportIT extends ServerTest {

	@Test
	void aSystemExportOfPatients_isPolledToAManifestWhoseNdjsonHoldsWhatTheTypeFilterSelects() {
		String family = Fixtures.uniqueFamily();
		fhir().body(Fhir.json(Fixtures.elderlyPatient(family))).post("/Patient").then().statusCode(201);
		fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily()))).post("/Patient").then().statusCode(201);

		String ndjson = export("/$export?_type=Patient&_typeFilter=Patient%3Ffamily%3D" + family);

		assertThat(ndjson.lines()).singleElement().satisfies(line -> assertThat(line)
				.startsWith("{\"resourceType\":\"Patient\"").contains(family));
	}

	@Test
	void aGroupExport_holdsTheGroupsMembers() {
		String family = Fixtures.uniqueFamily();
		String patient = fhir().body(Fhir.json(Fixtures.elderlyPatient(family))).post("/Patient").then().statusCode(201)
				.extract().path("id");
		Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
		group.addMember().setEntity(new Reference("Patient/" + patient));
		String id = fhir().body(Fhir.json(group)).post("/Group").then().statusCode(201).extract().path("id");

		assertThat(export("/Group/" + id + "/$export?_type=Patient")).contains(family);
	}

	@Test
	void aPatientLevelExport_forOnePatient_holdsHerRecordAndNobodyElses() {
		String her = fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily()))).post("/Patient").then()
				.statusCode(201).extract().path("id");
		String other = fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily()))).post("/Patient").then()
				.statusCode(201).extract().path("id");
		fhir().body(Fhir.json(Fixtures.encounter("Patient/" + her, Fixtures.today()))).post("/Encounter").then()
				.statusCode(201);
		fhir().body(Fhir.json(Fixtures.encounter("Patient/" + other, Fixtures.today()))).post("/Encounter").then()
				.statusCode(201);

		Parameters request = new Parameters();
		request.addParameter("_type", new StringType("Encounter"));
		request.addParameter().setName("patient").setValue(new Reference("Patient/" + her));
		String ndjson = files(fhir().header("Prefer", "respond-async").body(Fhir.json(request)).post("/Patient/$export"));

		assertThat(ndjson.lines()).singleElement().asString().contains("\"Patient/" + her + "\"");
	}

	@Test
	void anExportSince_holdsOnlyWhatChangedFromThen() throws InterruptedException {
		String family = Fixtures.uniqueFamily();
		String before = fhir().body(Fhir.json(Fixtures.elderlyPatient(family))).post("/Patient").then().statusCode(201)
				.extract().path("meta.lastUpdated");
		java.time.OffsetDateTime since = java.time.OffsetDateTime.parse(before).plusSeconds(1);
		Thread.sleep(1_500);
		String after = fhir().body(Fhir.json(Fixtures.elderlyPatient(family))).post("/Patient").then().statusCode(201)
				.extract().path("id");

		String ndjson = export("/$export?_type=Patient&_typeFilter=Patient%3Ffamily%3D" + family + "&_since="
				+ java.net.URLEncoder.encode(since.toString(), java.nio.charset.StandardCharsets.UTF_8));

		assertThat(ndjson.lines()).singleElement().asString().contains("\"id\":\"" + after + "\"");
	}

	/** Kick-off, polling (202 with X-Progress) to the manifest, and the NDJSON files it lists. */
	private static String export(String kickOffPath) {
		return export(kickOffPath, Tokens.system());
	}

	private static String export(String kickOffPath, String token) {
		return files(fhir(token).header("Prefer", "respond-async").urlEncodingEnabled(false).get(kickOffPath));
	}

	private static String files(Response kickOff) {
		assertThat(kickOff.statusCode()).isEqualTo(202);
		String status = kickOff.header("Content-Location");
		assertThat(status).contains("$export-poll-status");

		Response manifest = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
				.until(() -> poll(status), answer -> answer.statusCode() == 200);
		List<Map<String, String>> output = manifest.jsonPath().getList("output");
		return String.join("\n", output.stream().map(file -> download(file.get("url"))).toList());
	}

	@Test
	void anExportIsAuditedUnderTheClientThatAskedForIt() {
		String client = "exporter-" + Fixtures.uniqueFamily();
		String exporter = Tokens.token("exporter", client, "system/*.rs", null, null, Duration.ofHours(1), Tokens.SECRET);
		export("/$export?_type=Patient&_typeFilter=Patient%3Ffamily%3D" + client, exporter); // run to its end

		String auditor = Tokens.of("system/AuditEvent.rs", null, null);
		List<String> subtypes = await().atMost(Duration.ofSeconds(20)).until(() -> fhir(auditor)
				.get("/AuditEvent?altid=" + client).then().statusCode(200).extract().jsonPath()
				.getList("entry.resource.subtype[0].code", String.class), found -> !found.isEmpty());
		assertThat(subtypes).containsExactly("extended-operation-server");
	}

	@Test
	void exportIsRefused_toAClientWithoutSystemReadScopes() {
		fhir(Tokens.of("user/*.cruds", "Practitioner/nobody", null)).header("Prefer", "respond-async")
				.urlEncodingEnabled(false).get("/$export").then().statusCode(403);
	}

	@Test
	void exportIsLimitedToTheTypesTheScopesRead() {
		fhir(Tokens.of("system/Patient.rs", null, null)).header("Prefer", "respond-async")
				.queryParam("_type", "Condition").urlEncodingEnabled(false).get("/$export").then().statusCode(403);
	}

	@Test
	void anExportOfAllTypes_isRefusedToAClientThatReadsOnlySome() {
		fhir(Tokens.of("system/Patient.rs", null, null)).header("Prefer", "respond-async")
				.urlEncodingEnabled(false).get("/$export").then().statusCode(403);
	}

	static Response poll(String location) {
		Response answer = RestAssured.given().auth().oauth2(Tokens.system()).urlEncodingEnabled(false).get(location);
		if (answer.statusCode() == 202) {
			assertThat(answer.header("X-Progress")).isNotBlank();
		}
		return answer;
	}

	static String download(String url) {
		return RestAssured.given().auth().oauth2(Tokens.system()).accept("application/fhir+ndjson").urlEncodingEnabled(false)
				.get(url).then().statusCode(200).extract().asString();
	}
}
