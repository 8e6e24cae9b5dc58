package nl.zorgpad.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import java.util.List;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.ServerTest;
import nl.zorgpad.support.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;

/** The FHIR behaviour a GP system or collaboration app relies on, over HTTP, on H2 and PostgreSQL. */
class FhirServerIT extends ServerTest {
	@Autowired
	HealthEndpoint health;

	private static String create(Resource resource) {
		return fhir().body(Fhir.json(resource))
				.post("/" + resource.fhirType())
				.then().statusCode(201)
				.extract().jsonPath().getString("id");
	}

	private static int countPatientsWithBsn(String bsn) {
		return fhir().queryParam("identifier", Fixtures.BSN + "|" + bsn).queryParam("_summary", "count")
				.get("/Patient").then().statusCode(200).extract().jsonPath().getInt("total");
	}

	@Nested
	class Crud {
		@Test
		void createsReadsUpdatesAndDeletesAPatient() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			String id = create(patient);

			fhir().get("/Patient/" + id).then().statusCode(200)
					.body("name[0].family", equalTo(patient.getNameFirstRep().getFamily()));

			patient.setId(id);
			patient.getNameFirstRep().setFamily("Bakker");
			fhir().body(Fhir.json(patient)).put("/Patient/" + id).then().statusCode(200)
					.body("meta.versionId", equalTo("2"));

			fhir().delete("/Patient/" + id).then().statusCode(200);
			fhir().get("/Patient/" + id).then().statusCode(410);
		}

		@Test
		void answersNotFound_withOperationOutcome_forAnUnknownId() {
			fhir().get("/Patient/does-not-exist").then().statusCode(404)
					.body("resourceType", equalTo("OperationOutcome"));
		}
	}

	@Nested
	class Versioning {
		@Test
		void sendsTheVersionAsETag_andKeepsHistory() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			String id = create(patient);
			fhir().get("/Patient/" + id).then().header("ETag", equalTo("W/\"1\""));

			patient.setId(id);
			patient.getNameFirstRep().setFamily("De Vries");
			fhir().header("If-Match", "W/\"1\"").body(Fhir.json(patient)).put("/Patient/" + id)
					.then().statusCode(200).header("ETag", equalTo("W/\"2\""));

			Bundle history = Fhir.parse(Bundle.class, fhir().get("/Patient/" + id + "/_history"));
			assertThat(history.getType()).isEqualTo(BundleType.HISTORY);
			assertThat(history.getEntry()).hasSize(2);
			fhir().get("/Patient/" + id + "/_history/1").then().statusCode(200).body("meta.versionId", equalTo("1"));
		}

		@Test
		void refusesAnUpdateWithAStaleIfMatch_with412() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			String id = create(patient);
			patient.setId(id);
			patient.getNameFirstRep().setFamily("Smit");
			fhir().body(Fhir.json(patient)).put("/Patient/" + id).then().statusCode(200);

			patient.getNameFirstRep().setFamily("Mulder");
			fhir().header("If-Match", "W/\"1\"").body(Fhir.json(patient)).put("/Patient/" + id)
					.then().statusCode(412)
					.body("resourceType", equalTo("OperationOutcome"))
					.body("issue[0].diagnostics", startsWith("If-Match names version"));
			fhir().get("/Patient/" + id).then().body("meta.versionId", equalTo("2"));
		}

		@Test
		void aStaleIfMatch_onAPatchOrADelete_is412Too() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			String id = create(patient);
			patient.setId(id);
			fhir().body(Fhir.json(patient.setActive(true))).put("/Patient/" + id).then().statusCode(200);

			fhir().header("If-Match", "W/\"1\"").contentType("application/json-patch+json")
					.body("[{\"op\":\"replace\",\"path\":\"/active\",\"value\":false}]").patch("/Patient/" + id)
					.then().statusCode(412).body("issue[0].diagnostics", startsWith("If-Match names version"));
			fhir().header("If-Match", "W/\"1\"").delete("/Patient/" + id)
					.then().statusCode(412).body("issue[0].diagnostics", startsWith("If-Match names version"));
			fhir().get("/Patient/" + id).then().statusCode(200).body("meta.versionId", equalTo("2"));
		}

		@Test
		void aConflictWithoutIfMatch_staysA409() {
			String patient = create(Fixtures.elderlyPatient(Fixtures.uniqueFamily()));
			create(Fixtures.encounter("Patient/" + patient, Fixtures.today()));

			fhir().delete("/Patient/" + patient).then().statusCode(409) // HAPI: still referenced by the Encounter
					.body("resourceType", equalTo("OperationOutcome"));
			fhir().get("/Patient/" + patient).then().statusCode(200);
		}

		@Test
		void aWriteTheDatabaseRefuses_isA409_inOurOwnWords_notTheDatabases() {
			Response refused = fhir().body(Fhir.json(libraryWithUrlOf(2_000))).post("/Library");

			refused.then().statusCode(409).body("resourceType", equalTo("OperationOutcome"))
					.body("issue[0].diagnostics", startsWith("The write was not stored"));
			assertThat(refused.asString()).doesNotContainIgnoringCase("SP_URI").doesNotContainIgnoringCase("column")
					.doesNotContainIgnoringCase("could not execute");
		}

		@Test
		void aWriteTheDatabaseRefuses_withTheCurrentVersionAsIfMatch_isNoPreconditionFailure() {
			Library library = libraryWithUrlOf(20);
			library.setId(create(library));
			library.setUrl(libraryWithUrlOf(2_000).getUrl());

			Response refused = fhir().header("If-Match", "W/\"1\"").body(Fhir.json(library))
					.put("/Library/" + library.getIdElement().getIdPart());

			refused.then().statusCode(409).body("issue[0].diagnostics", startsWith("The write was not stored"));
			assertThat(refused.asString()).doesNotContainIgnoringCase("SP_URI").doesNotContainIgnoringCase("column");
		}

		private static Library libraryWithUrlOf(int length) {
			Library library = new Library();
			library.setStatus(Enumerations.PublicationStatus.DRAFT);
			library.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/library-type")
					.setCode("logic-library");
			String base = "https://zorgpad.example/Library/";
			library.setUrl(base + "x".repeat(Math.max(1, length - base.length())));
			return library;
		}
	}

	@Nested
	class ConditionalWrites {
		@Test
		void conditionalCreateTwice_createsOneResource() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			String bsn = patient.getIdentifierFirstRep().getValue();
			String condition = "identifier=" + Fixtures.BSN + "|" + bsn;

			String first = fhir().header("If-None-Exist", condition).body(Fhir.json(patient)).post("/Patient")
					.then().statusCode(201).extract().jsonPath().getString("id");
			Response second = fhir().header("If-None-Exist", condition).body(Fhir.json(patient)).post("/Patient");

			assertThat(second.statusCode()).isEqualTo(200);
			assertThat(second.jsonPath().getString("id")).isEqualTo(first);
			assertThat(countPatientsWithBsn(bsn)).isEqualTo(1);
		}

		@Test
		void rePushingTheSameTransaction_createsNoDuplicates() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			String bsn = patient.getIdentifierFirstRep().getValue();
			Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
			bundle.addEntry().setFullUrl("urn:uuid:8a3c1c9e-0d51-4a4f-9d8b-1f1f2b3c4d5e").setResource(patient)
					.getRequest().setMethod(HTTPVerb.POST).setUrl("Patient")
					.setIfNoneExist("identifier=" + Fixtures.BSN + "|" + bsn);
			Encounter encounter = Fixtures.encounter("urn:uuid:8a3c1c9e-0d51-4a4f-9d8b-1f1f2b3c4d5e", Fixtures.today());
			encounter.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.2.4.6.3.99").setValue("enc-" + bsn);
			bundle.addEntry().setResource(encounter).getRequest().setMethod(HTTPVerb.PUT)
					.setUrl("Encounter?identifier=urn:oid:2.16.840.1.113883.2.4.6.3.99|enc-" + bsn);

			fhir().body(Fhir.json(bundle)).post("/").then().statusCode(200);
			fhir().body(Fhir.json(bundle)).post("/").then().statusCode(200);

			assertThat(countPatientsWithBsn(bsn)).isEqualTo(1);
			fhir().queryParam("identifier", "urn:oid:2.16.840.1.113883.2.4.6.3.99|enc-" + bsn)
					.queryParam("_summary", "count").get("/Encounter").then().body("total", equalTo(1));
		}

		@Test
		void conditionalUpdate_createsFirst_thenUpdatesTheSameResource() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			String url = "/Patient?identifier=" + Fixtures.BSN + "|" + patient.getIdentifierFirstRep().getValue();

			String id = fhir().body(Fhir.json(patient)).put(url).then().statusCode(201)
					.extract().jsonPath().getString("id");
			patient.getNameFirstRep().setFamily("Visser");
			fhir().body(Fhir.json(patient)).put(url).then().statusCode(200)
					.body("id", equalTo(id)).body("meta.versionId", equalTo("2"));
		}
	}

	@Nested
	class Transactions {
		@Test
		void aTransactionWithOneBadEntry_isRefusedAndLeavesNothingBehind() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			String bsn = patient.getIdentifierFirstRep().getValue();
			Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
			bundle.addEntry().setFullUrl("urn:uuid:1d7f3c40-6b7e-4e61-a0a5-2b0a6e7c9d11").setResource(patient)
					.getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
			Observation bad = new Observation();
			bad.setStatus(Observation.ObservationStatus.FINAL);
			bad.getCode().setText("bloeddruk");
			bad.setSubject(new Reference("Patient/not-there-" + bsn));
			bundle.addEntry().setResource(bad).getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");

			Response response = fhir().body(Fhir.json(bundle)).post("/");

			assertThat(response.statusCode()).isBetween(400, 499);
			assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
			assertThat(response.asString()).contains("not-there-" + bsn);
			assertThat(countPatientsWithBsn(bsn)).isZero();
		}

		@Test
		void aBatchProcessesEachEntryOnItsOwn() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			Bundle bundle = new Bundle().setType(BundleType.BATCH);
			bundle.addEntry().setResource(patient).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
			bundle.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/does-not-exist");

			Bundle response = Fhir.parse(Bundle.class, fhir().body(Fhir.json(bundle)).post("/"));

			assertThat(response.getType()).isEqualTo(BundleType.BATCHRESPONSE);
			assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
			assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("404");
			assertThat(countPatientsWithBsn(patient.getIdentifierFirstRep().getValue())).isEqualTo(1);
		}

		@Test
		void aFullRecordOfSeveralMegabytes_isAcceptedAsOneTransaction() {
			Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
			Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
			bundle.addEntry().setFullUrl("urn:uuid:5b0c1f0e-8d7a-4c55-9a53-0e1f4c2b7a10").setResource(patient)
					.getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
			DocumentReference letters = new DocumentReference(); // scanned specialist letters, as a HIS sends along
			letters.setStatus(Enumerations.DocumentReferenceStatus.CURRENT)
					.setSubject(new Reference("urn:uuid:5b0c1f0e-8d7a-4c55-9a53-0e1f4c2b7a10"))
					.addContent().getAttachment().setContentType("application/pdf").setData(new byte[12 * 1024 * 1024]);
			bundle.addEntry().setResource(letters).getRequest().setMethod(HTTPVerb.POST).setUrl("DocumentReference");
			String body = Fhir.json(bundle);
			assertThat(body.length()).isGreaterThan(16 * 1024 * 1024); // over the 10 MB of earlier versions

			fhir().body(body).post("/").then().statusCode(200);

			assertThat(countPatientsWithBsn(patient.getIdentifierFirstRep().getValue())).isEqualTo(1);
		}
	}

	@Nested
	class Searching {
		@Test
		void pagesThroughSearchResults_withNextLinks() {
			String family = Fixtures.uniqueFamily();
			for (int i = 0; i < 25; i++) {
				create(Fixtures.elderlyPatient(family));
			}
			Bundle page = Fhir.parse(Bundle.class,
					fhir().queryParam("family", family).queryParam("_count", 10).get("/Patient"));
			int seen = page.getEntry().size();
			int pages = 1;
			while (page.getLink("next") != null) {
				page = Fhir.parse(Bundle.class, given().auth().oauth2(Tokens.system()).accept(Fhir.JSON)
						.get(page.getLink("next").getUrl()));
				seen += page.getEntry().size();
				pages++;
			}
			assertThat(seen).isEqualTo(25);
			assertThat(pages).isEqualTo(3);
			assertThat(Fhir.parse(Bundle.class, fhir().queryParam("family", family).get("/Patient")).getEntry())
					.as("without _count").hasSize(20);
		}

		@Test
		void aPageHoldsAtMostFiveHundred_whateverTheCountAsked() {
			String family = Fixtures.uniqueFamily();
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = 0; i < 501; i++) {
				transaction.addEntry().setResource(Fixtures.elderlyPatient(family)).getRequest()
						.setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
			}
			fhir().body(Fhir.json(transaction)).post("/").then().statusCode(200);

			Bundle page = Fhir.parse(Bundle.class, fhir().queryParam("family", family).queryParam("_count", 1000)
					.get("/Patient"));
			assertThat(page.getEntry()).hasSize(500);
			assertThat(page.getLink("next")).isNotNull();
		}

		@Test
		void includesAndRevincludesReferencedResources() {
			String patientId = create(Fixtures.elderlyPatient(Fixtures.uniqueFamily()));
			String encounterId = create(Fixtures.encounter("Patient/" + patientId, Fixtures.today()));

			Bundle included = Fhir.parse(Bundle.class, fhir().queryParam("_id", encounterId)
					.queryParam("_include", "Encounter:subject").get("/Encounter"));
			assertThat(resourceIds(included)).contains("Encounter/" + encounterId, "Patient/" + patientId);

			Bundle revincluded = Fhir.parse(Bundle.class, fhir().queryParam("_id", patientId)
					.queryParam("_revinclude", "Encounter:subject").get("/Patient"));
			assertThat(resourceIds(revincluded)).contains("Encounter/" + encounterId, "Patient/" + patientId);
		}

		@Test
		void patientEverything_returnsThePatientsRecord() {
			String patientId = create(Fixtures.elderlyPatient(Fixtures.uniqueFamily()));
			String encounterId = create(Fixtures.encounter("Patient/" + patientId, Fixtures.today()));

			Bundle everything = Fhir.parse(Bundle.class, fhir().get("/Patient/" + patientId + "/$everything"));
			assertThat(resourceIds(everything)).contains("Patient/" + patientId, "Encounter/" + encounterId);
		}

		private List<String> resourceIds(Bundle bundle) {
			return bundle.getEntry().stream()
					.map(entry -> entry.getResource().getIdElement().toUnqualifiedVersionless().getValue())
					.toList();
		}
	}

	@Nested
	class BadInput {
		@Test
		void malformedJson_isAnswered400_withOperationOutcome() {
			fhir().body("{\"resourceType\": \"Patient\", oops").post("/Patient").then().statusCode(400)
					.body("resourceType", equalTo("OperationOutcome"))
					.body("issue[0].diagnostics", notNullValue());
		}

		@Test
		void anUnknownResourceType_isAnswered404_withOperationOutcome() {
			fhir().get("/Zorgplan").then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
		}

		@Test
		void aNonFhirContentType_isAnswered4xx_withOperationOutcome() {
			Response response = fhir().contentType("text/plain").body("hello").post("/Patient");
			assertThat(response.statusCode()).isBetween(400, 499);
			assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
		}

		@Test
		void anOversizedBody_isAnswered413_withOperationOutcome() {
			byte[] body = new byte[65 * 1024 * 1024]; // the limit is 64 MB
			java.util.Arrays.fill(body, (byte) ' ');
			fhir().body(body).post("/Patient").then().statusCode(413)
					.body("resourceType", equalTo("OperationOutcome"));
		}

		@Test
		void responsesCarrySecurityHeaders_andNoVersionBanner() {
			Response response = fhir().get("/metadata");
			assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
			assertThat(response.header("X-Powered-By")).isNull();
			assertThat(response.header("Server")).isNull();
		}

		@Test
		void aResourceOfTheWrongTypeForTheUrl_isAnswered400() {
			fhir().body(Fhir.json(new Observation())).post("/Patient").then().statusCode(400)
					.body("resourceType", equalTo("OperationOutcome"));
		}
	}

	@Nested
	class CapabilityStatementAndHealth {
		@Test
		void metadataDescribesAnR4ServerWithPatient_andIsServedFromCache() {
			Response first = fhir().get("/metadata");
			first.then().statusCode(200)
					.body("resourceType", equalTo("CapabilityStatement"))
					.body("fhirVersion", equalTo("4.0.1"))
					.body("software.name", equalTo("Zorgpad"))
					.body("rest[0].resource.type", hasItem("Patient"));
			Response second = fhir().get("/metadata");
			assertThat(second.asByteArray()).isEqualTo(first.asByteArray());
		}

		@Test
		void healthProbesReportUp_includingTheDatabase() {
			given().get("/livez").then().statusCode(200).body("status", equalTo("UP"));
			given().get("/readyz").then().statusCode(200).body("status", equalTo("UP"));
		}

		@Test
		void theReadinessProbe_includesTheDatabase() {
			given().get("/readyz").then().statusCode(200);
			// /readyz shows no details; the group it answers for is evaluated with the database in it
			CompositeHealth readiness = (CompositeHealth) health.healthForPath("readiness");
			assertThat(readiness.getComponents()).containsKey("db");
		}
	}
}
