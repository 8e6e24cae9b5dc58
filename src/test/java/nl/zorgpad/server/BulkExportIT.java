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
import org.junit.jupiter.api.Test;

/** An integrator pulls a population with FHIR Bulk Data: kick-off, polling with progress, manifest, NDJSON. */
class BulkExportIT extends ServerTest {

	@Test
	void aSystemExportOfPatients_isPolledToAManifestWhoseNdjsonHoldsThem() {
		String family = Fixtures.uniqueFamily();
		fhir().body(Fhir.json(Fixtures.elderlyPatient(family))).post("/Patient").then().statusCode(201);

		Response kickOff = fhir().header("Prefer", "respond-async").accept("application/fhir+json")
				.queryParam("_type", "Patient").urlEncodingEnabled(false).get("/$export");
		assertThat(kickOff.statusCode()).isEqualTo(202);
		String status = kickOff.header("Content-Location");
		assertThat(status).contains("$export-poll-status");

		Response manifest = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
				.until(() -> poll(status), answer -> answer.statusCode() == 200);
		List<Map<String, String>> output = manifest.jsonPath().getList("output");
		assertThat(output).isNotEmpty().allSatisfy(file -> assertThat(file.get("type")).isEqualTo("Patient"));

		String ndjson = String.join("\n", output.stream().map(file -> download(file.get("url"))).toList());
		assertThat(ndjson.lines()).allSatisfy(line -> assertThat(line).startsWith("{\"resourceType\":\"Patient\""));
		assertThat(ndjson).contains(family);
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

	private static Response poll(String location) {
		Response answer = RestAssured.given().auth().oauth2(Tokens.system()).urlEncodingEnabled(false).get(location);
		if (answer.statusCode() == 202) {
			assertThat(answer.header("X-Progress")).isNotBlank();
		}
		return answer;
	}

	private static String download(String url) {
		return RestAssured.given().auth().oauth2(Tokens.system()).accept("application/fhir+ndjson").urlEncodingEnabled(false)
				.get(url).then().statusCode(200).extract().asString();
	}
}
