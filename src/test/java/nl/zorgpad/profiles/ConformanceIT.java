package nl.zorgpad.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import java.util.List;
import nl.zorgpad.support.ServerTest;
import nl.zorgpad.support.Tokens;
import org.junit.jupiter.api.Test;

/** What an integrator generates clients and validates codes from: declared operations, terminology operations. */
class ConformanceIT extends ServerTest {
	private static final String TERMINOLOGY_READER = Tokens.of("system/CodeSystem.rs system/ValueSet.rs", null, null);

	@Test
	void everyCustomOperationPointsAtItsServedOperationDefinition_withItsParameters() {
		JsonPath metadata = fhir().get("/metadata").then().statusCode(200).extract().jsonPath();
		List<String> definitions = new java.util.ArrayList<>(metadata.getList("rest[0].operation.definition", String.class));
		definitions.addAll(metadata.getList("rest[0].resource.operation.flatten().definition", String.class));

		for (String name : List.of("worklist", "monitoring-report", "screening-list", "pathway")) {
			String canonical = "https://zorgpad.nl/fhir/OperationDefinition/" + name;
			assertThat(definitions).as(name).contains(canonical);
			fhir().queryParam("url", canonical).get("/OperationDefinition").then().statusCode(200)
					.body("total", equalTo(1))
					.body("entry[0].resource.code", equalTo(name));
		}
		fhir().queryParam("url", "https://zorgpad.nl/fhir/OperationDefinition/worklist").get("/OperationDefinition")
				.then().body("entry[0].resource.parameter.name", hasItem("type"));
		assertThat(metadata.getList("rest[0].resource.find { it.type == 'Patient' }.operation.findAll { it.name == 'everything' }"
				+ ".definition", String.class)).containsExactly("http://hl7.org/fhir/OperationDefinition/Patient-everything");
	}

	@Test
	void aValueSetOfThePackageExpands_forAReaderOfValueSets() {
		fhir(TERMINOLOGY_READER).queryParam("url", "https://zorgpad.nl/fhir/ValueSet/meeting-type")
				.get("/ValueSet/$expand").then().statusCode(200)
				.body("expansion.contains.code", hasItem("kernteam-overleg"));
	}

	@Test
	void anExpansionIsFilteredAndPaged_andFhirCoresValueSetsExpandFromMemory() {
		String meetings = "https://zorgpad.nl/fhir/ValueSet/meeting-type";
		JsonPath all = fhir(TERMINOLOGY_READER).queryParam("url", meetings).get("/ValueSet/$expand").then()
				.statusCode(200).extract().jsonPath();
		List<String> codes = all.getList("expansion.contains.code", String.class);
		assertThat(codes).hasSizeGreaterThan(2);

		fhir(TERMINOLOGY_READER).queryParam("url", meetings).queryParam("filter", "MDO").get("/ValueSet/$expand")
				.then().statusCode(200)
				.body("expansion.contains.code", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.containsString("mdo")))
				.body("expansion.contains", org.hamcrest.Matchers.not(org.hamcrest.Matchers.empty()));
		fhir(TERMINOLOGY_READER).queryParam("url", meetings).queryParam("offset", 1).queryParam("count", 1)
				.get("/ValueSet/$expand").then().statusCode(200)
				.body("expansion.total", equalTo(codes.size()))
				.body("expansion.offset", equalTo(1))
				.body("expansion.contains.code", org.hamcrest.Matchers.contains(codes.get(1)));
		fhir(TERMINOLOGY_READER).queryParam("url", meetings).get("/ValueSet/$expand").then().statusCode(200)
				.body("expansion.contains.code", equalTo(codes)); // filtering and paging changed no one else's answer
		fhir(TERMINOLOGY_READER).queryParam("url", "http://hl7.org/fhir/ValueSet/administrative-gender")
				.get("/ValueSet/$expand").then().statusCode(200)
				.body("expansion.contains.code", org.hamcrest.Matchers.hasItems("male", "female", "other", "unknown"));
	}

	@Test
	void anIntegratorValidatesAResourceAgainstAZorgpadProfile_withValidate_beforeSendingIt() {
		String reader = Tokens.of("system/Condition.rs", null, null);
		String episode = "{\"resourceType\":\"Condition\",\"code\":{\"coding\":[{\"system\":"
				+ "\"http://hl7.org/fhir/sid/icpc-1-nl\",\"code\":\"A49.01\"}]},\"subject\":{\"reference\":\"Patient/x\"}}";
		String profile = "https://zorgpad.nl/fhir/StructureDefinition/zp-frailty-episode";

		fhir(reader).queryParam("profile", profile).body(episode).post("/Condition/$validate").then().statusCode(200)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue.severity", org.hamcrest.Matchers.not(hasItem("error")));
		// the outcome is the answer (200); a profile HAPI's own validator does not know would be an error here
		fhir(reader).queryParam("profile", profile).body(episode.replace(",\"subject\":{\"reference\":\"Patient/x\"}", ""))
				.post("/Condition/$validate").then().statusCode(200)
				.body("issue.findAll { it.severity == 'error' }.diagnostics", org.hamcrest.Matchers.contains(
						org.hamcrest.Matchers.containsString("Condition.subject: minimum required = 1")));
		fhir(reader).queryParam("profile", "https://zorgpad.nl/fhir/StructureDefinition/no-such-profile").body(episode)
				.post("/Condition/$validate").then().statusCode(200)
				.body("issue.diagnostics", hasItem(org.hamcrest.Matchers.containsString("no-such-profile")));
		fhir(Tokens.of("system/Patient.rs", null, null)).queryParam("profile", profile).body(episode)
				.post("/Condition/$validate").then().statusCode(403);
	}

	@Test
	void codesAreValidatedAndLookedUp_inTheShippedCodeSystems() {
		String system = "https://zorgpad.nl/fhir/CodeSystem/meeting-type";
		fhir(TERMINOLOGY_READER).queryParam("url", system).queryParam("code", "kernteam-overleg")
				.get("/CodeSystem/$validate-code").then().statusCode(200)
				.body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(true));
		fhir(TERMINOLOGY_READER).queryParam("url", system).queryParam("code", "no-such-meeting")
				.get("/CodeSystem/$validate-code").then().statusCode(200)
				.body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(false));
		fhir(TERMINOLOGY_READER).queryParam("system", system).queryParam("code", "kernteam-overleg")
				.get("/CodeSystem/$lookup").then().statusCode(200)
				.body("parameter.find { it.name == 'display' }.valueString", org.hamcrest.Matchers.notNullValue());
	}

	@Test
	void terminologyOperationsNeedAReadScopeOnTheirType() {
		fhir(Tokens.of("system/Patient.rs", null, null))
				.queryParam("url", "https://zorgpad.nl/fhir/ValueSet/meeting-type")
				.get("/ValueSet/$expand").then().statusCode(403);
	}
}
