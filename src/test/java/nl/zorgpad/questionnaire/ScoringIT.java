package nl.zorgpad.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.ServerTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A collaboration app submits instruments and reads back the same score everywhere. */
class ScoringIT extends ServerTest {
	private String patient;

	@BeforeEach
	void aPatient() {
		patient = "Patient/" + fhir().body(Fhir.json(Fixtures.elderlyPatient(Fixtures.uniqueFamily())))
				.post("/Patient").then().statusCode(201).extract().jsonPath().getString("id");
	}

	private QuestionnaireResponse gfi(String defaultAnswer, Map<String, String> answers) {
		QuestionnaireResponse response =
				InstrumentScorerTest.respond(InstrumentScorerTest.questionnaire("gfi"), defaultAnswer, answers);
		response.setSubject(new Reference(patient)).setAuthored(Fixtures.now());
		return response;
	}

	private static String store(QuestionnaireResponse response) {
		return fhir().body(Fhir.json(response)).post("/QuestionnaireResponse").then().statusCode(201)
				.extract().jsonPath().getString("id");
	}

	private static Bundle scoresOf(String responseId) {
		return Fhir.parse(Bundle.class, fhir().queryParam("derived-from", "QuestionnaireResponse/" + responseId)
				.get("/Observation"));
	}

	@Test
	void storesTheTotalInTheResponse_andAScoreObservationWithItsInterpretation() {
		String id = store(gfi("best", Map.of("gfi-5", "5", "gfi-6", "ja", "gfi-7", "ja", "gfi-12", "soms")));

		fhir().get("/QuestionnaireResponse/" + id).then().statusCode(200)
				.body("item.find { it.linkId == 'total' }.answer[0].valueInteger", equalTo(4));
		Bundle scores = scoresOf(id);
		assertThat(scores.getEntry()).hasSize(1);
		Observation score = (Observation) scores.getEntryFirstRep().getResource();
		assertThat(score.getValueIntegerType().getValue()).isEqualTo(4);
		assertThat(score.getCode().getCodingFirstRep().getCode()).isEqualTo("gfi-total");
		assertThat(score.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("gfi-kwetsbaar");
		assertThat(score.getSubject().getReference()).isEqualTo(patient);
		assertThat(score.getMeta().getProfile().get(0).getValue()).isEqualTo(ScoringInterceptor.SCORE_PROFILE);
	}

	@Test
	void refusesAResponseWhoseStatedTotalDisagrees_withZpR7() {
		QuestionnaireResponse response = gfi("best", Map.of("gfi-5", "10"));
		InstrumentScorer.writeTotal(response, 5);

		Response refused = fhir().body(Fhir.json(response)).post("/QuestionnaireResponse");

		refused.then().statusCode(422)
				.body("issue[0].code", equalTo("business-rule"))
				.body("issue[0].details.coding[0].system", equalTo("https://zorgpad.nl/fhir/CodeSystem/pathway-rule"))
				.body("issue[0].details.coding[0].code", equalTo("ZP-R7"));
		assertThat(refused.jsonPath().getString("issue[0].diagnostics")).contains("berekende totaalscore is 0")
				.contains("computed total is 0");
	}

	@Test
	void acceptsACorrectStatedTotal() {
		QuestionnaireResponse response = gfi("worst", Map.of("gfi-5", "0"));
		InstrumentScorer.writeTotal(response, 15);
		String id = store(response);
		assertThat(((Observation) scoresOf(id).getEntryFirstRep().getResource()).getValueIntegerType().getValue())
				.isEqualTo(15);
	}

	@Test
	void anUpdatedResponse_updatesTheSameObservation() {
		QuestionnaireResponse response = gfi("best", Map.of("gfi-5", "10"));
		String id = store(response);
		response.setId(id);
		response.getItem().stream().filter(item -> item.getLinkId().equals("gfi-5"))
				.forEach(item -> item.getAnswerFirstRep().setValue(new IntegerType(3)));
		InstrumentScorer.writeTotal(response, 1);

		fhir().body(Fhir.json(response)).put("/QuestionnaireResponse/" + id).then().statusCode(200);

		Bundle scores = scoresOf(id);
		assertThat(scores.getEntry()).hasSize(1);
		Observation score = (Observation) scores.getEntryFirstRep().getResource();
		assertThat(score.getValueIntegerType().getValue()).isEqualTo(1);
		assertThat(score.getMeta().getVersionId()).isEqualTo("2");
	}

	@Test
	void anInProgressResponse_isStoredButNotScored() {
		QuestionnaireResponse response = gfi("best", Map.of());
		response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
		response.getItem().removeIf(item -> !item.getLinkId().equals("gfi-1"));

		String id = store(response);

		assertThat(scoresOf(id).getEntry()).isEmpty();
	}

	@Test
	void deletingTheResponse_retiresItsScore() {
		String id = store(gfi("best", Map.of("gfi-5", "10")));
		fhir().delete("/QuestionnaireResponse/" + id).then().statusCode(200);
		fhir().get("/Observation/score-" + id).then().statusCode(410);
	}

	@Test
	void scoresResponsesInsideATransaction() {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry().setFullUrl("urn:uuid:0b7d6c1e-8a8f-4f9b-b0a4-5b1e2d3c4f50")
				.setResource(gfi("worst", Map.of("gfi-5", "0")))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("QuestionnaireResponse");

		Bundle result = Fhir.parse(Bundle.class, fhir().body(Fhir.json(bundle)).post("/"));

		String id = new org.hl7.fhir.r4.model.IdType(result.getEntryFirstRep().getResponse().getLocation()).getIdPart();
		assertThat(((Observation) scoresOf(id).getEntryFirstRep().getResource()).getValueIntegerType().getValue())
				.isEqualTo(15);
	}

	@Test
	void refusesACompletedResponseMissingARequiredAnswer_namingTheItem() {
		QuestionnaireResponse response = gfi("best", Map.of("gfi-5", "10"));
		response.getItem().removeIf(item -> item.getLinkId().equals("gfi-9"));

		Response refused = fhir().body(Fhir.json(response)).post("/QuestionnaireResponse");

		refused.then().statusCode(422);
		assertThat(refused.asString()).contains("gfi-9");
	}

	@Test
	void scoresEdizAnsweredByTheCarer() {
		RelatedPerson daughter = new RelatedPerson(new Reference(patient));
		daughter.addName().setFamily("Jansen").addGiven("Marieke");
		String carer = "RelatedPerson/" + fhir().body(Fhir.json(daughter)).post("/RelatedPerson").then()
				.statusCode(201).extract().jsonPath().getString("id");
		QuestionnaireResponse ediz =
				InstrumentScorerTest.respond(InstrumentScorerTest.questionnaire("ediz"), "ja", Map.of());
		ediz.setSubject(new Reference(patient)).setAuthored(Fixtures.now());
		ediz.setAuthor(new Reference(carer)).setSource(new Reference(carer));

		String id = store(ediz);

		Observation score = (Observation) scoresOf(id).getEntryFirstRep().getResource();
		assertThat(score.getValueIntegerType().getValue()).isEqualTo(9);
		assertThat(score.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("ediz-overbelast");
	}

	@Test
	void aRegionsOwnQuestionnaireVersion_isScoredWithoutCodeChanges() {
		Questionnaire regional = InstrumentScorerTest.questionnaire("trazag-start");
		String region = "regio-" + UUID.randomUUID().toString().substring(0, 8); // a region of this run's own
		regional.setId("trazag-start-" + region);
		regional.setUrl("https://" + region + ".example/fhir/Questionnaire/trazag-start").setVersion("2026.1");
		regional.getItem().stream().flatMap(item -> item.getAnswerOption().stream())
				.filter(option -> option.getValue() instanceof Coding coding && coding.getCode().equals("ja"))
				.forEach(option -> option.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/ordinalValue")
						.setValue(new DecimalType(2)));
		fhir().body(Fhir.json(regional)).put("/Questionnaire/trazag-start-" + region).then().statusCode(201);

		QuestionnaireResponse response = InstrumentScorerTest.respond(regional, "nee", Map.of("trazag-1", "ja"));
		response.setQuestionnaire(regional.getUrl() + "|2026.1");
		response.setSubject(new Reference(patient)).setAuthored(Fixtures.now());
		String id = store(response);

		Observation score = (Observation) scoresOf(id).getEntryFirstRep().getResource();
		assertThat(score.getValueIntegerType().getValue()).isEqualTo(2);
	}
}
