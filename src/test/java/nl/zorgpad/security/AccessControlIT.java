package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.RawHttp;
import nl.zorgpad.support.ServerTest;
import nl.zorgpad.support.Socket;
import nl.zorgpad.support.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The access model over HTTP, one nested class per class of hole found in the probe (issue 11), on a
 * world of its own: practice A (GP A, patient Anna with a core team holding nurse N and social worker S,
 * with the discussion consent), practice B (GP B, patient Bea, a namesake of Anna). Every test names the
 * hole it closes.
 */
class AccessControlIT extends ServerTest {
	private static final String BSN = Fixtures.BSN;
	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private final String family = "Namesake" + run;
	private final String anna = "ac-anna-" + run;
	private final String bea = "ac-bea-" + run;
	private final String annaBsn = Fixtures.newBsn();
	private final String beaBsn = Fixtures.newBsn();
	private final String gpA = "PractitionerRole/ac-gp-a-" + run;
	private final String gpB = "PractitionerRole/ac-gp-b-" + run;
	private final String nurse = "PractitionerRole/ac-nurse-" + run;
	private final String social = "PractitionerRole/ac-social-" + run;

	@BeforeEach
	void twoPracticesAndTheirPatients() {
		fhir().body(nl.zorgpad.support.Fhir.json(nl.zorgpad.support.Examples.transaction())).post("/").then().statusCode(200);
		put("Organization/ac-practice-a-" + run, "{\"resourceType\":\"Organization\",\"name\":\"A\"}");
		put("Organization/ac-practice-b-" + run, "{\"resourceType\":\"Organization\",\"name\":\"B\"}");
		put("Organization/ac-nursing-" + run, "{\"resourceType\":\"Organization\",\"name\":\"Thuiszorg\"}");
		put("Organization/ac-welfare-" + run, "{\"resourceType\":\"Organization\",\"name\":\"Welzijn\"}");
		role(gpA, "ac-practice-a-" + run, "huisarts");
		role(gpB, "ac-practice-b-" + run, "huisarts");
		role(nurse, "ac-nursing-" + run, "wijkverpleegkundige");
		role(social, "ac-welfare-" + run, "maatschappelijk-werker");
		put("Patient/" + anna, patient(annaBsn, "Organization/ac-practice-a-" + run));
		put("Patient/" + bea, patient(beaBsn, "Organization/ac-practice-b-" + run));
		put("CareTeam/ac-team-" + run, "{\"resourceType\":\"CareTeam\",\"status\":\"active\",\"subject\":"
				+ ref("Patient/" + anna) + ",\"participant\":[{\"member\":" + ref(nurse) + "},{\"member\":" + ref(social)
				+ "}]}");
		put("Consent/ac-consent-" + run, consent(anna));
		put("Condition/ac-bea-problem-" + run, condition(bea, "hartfalen"));
		put("Condition/ac-anna-problem-" + run, condition(anna, "valneiging"));
		put("Encounter/ac-anna-consult-" + run, "{\"resourceType\":\"Encounter\",\"status\":\"finished\",\"class\":"
				+ "{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},\"reasonCode\":"
				+ "[{\"text\":\"depressie\"}],\"subject\":" + ref("Patient/" + anna) + "}");
		put("CarePlan/ac-bea-plan-" + run, carePlan(bea));
		put("CarePlan/ac-anna-plan-" + run, carePlan(anna));
	}

	@Nested
	class ConditionalOperations {
		@Test
		void aConditionalCreateMatchingAnotherPracticesPatient_neverReturnsHerRecord() {
			Response response = fhir(user(nurse)).header("If-None-Exist", "identifier=" + BSN + "|" + beaBsn)
					.body(patient(beaBsn, null)).post("/Patient");

			assertThat(response.statusCode()).isEqualTo(403); // as if she did not exist: a new patient, not listed here
			assertThat(response.asString()).doesNotContain(bea).doesNotContain("1938");
		}

		@Test
		void aConditionalCreateMatchingAnUnrelatedCondition_answersAsForAnAbsentOne() {
			Response unrelated = fhir(user(nurse)).header("If-None-Exist", "_id=ac-bea-problem-" + run)
					.body(condition(anna, "nieuw probleem")).post("/Condition");
			Response absent = fhir(user(nurse)).header("If-None-Exist", "_id=ac-absent-" + run)
					.body(condition(anna, "nieuw probleem")).post("/Condition");

			assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode());
			assertThat(unrelated.asString()).doesNotContain("hartfalen").doesNotContain(bea);
		}

		@Test
		void aConditionalCreateInATransaction_isNarrowedToo() {
			String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":"
					+ "\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + condition(anna, "nog een probleem")
					+ ",\"request\":{\"method\":\"POST\",\"url\":\"Condition\",\"ifNoneExist\":\"_id=ac-bea-problem-" + run
					+ "\"}}]}";
			Response unrelated = fhir(user(nurse)).body(bundle).post("/");
			Response absent = fhir(user(nurse)).body(bundle.replace("ac-bea-problem-", "ac-absent-")).post("/");

			assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode());
			assertThat(unrelated.asString()).doesNotContain("hartfalen").doesNotContain(bea);
		}

		@Test
		void aConditionalDeleteOrUpdate_onlyMatchesRelatedPatients() {
			fhir(user(nurse)).delete("/Condition?_id=ac-bea-problem-" + run).then().statusCode(org.hamcrest.Matchers.lessThan(300));
			fhir().get("/Condition/ac-bea-problem-" + run).then().statusCode(200);
		}

		@Test
		void aConditionalPatch_onlyMatchesRelatedPatients_andAnswersAsForAnAbsentOne() {
			String patch = "[{\"op\":\"replace\",\"path\":\"/code/text\",\"value\":\"overschreven\"}]";

			Response unrelated = fhir(user(nurse)).contentType("application/json-patch+json").body(patch)
					.patch("/Condition?_id=ac-bea-problem-" + run);
			Response absent = fhir(user(nurse)).contentType("application/json-patch+json").body(patch)
					.patch("/Condition?_id=ac-absent-" + run);

			assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode()).isGreaterThanOrEqualTo(400);
			assertThat(unrelated.asString()).doesNotContain("hartfalen").doesNotContain(bea);
			fhir().get("/Condition/ac-bea-problem-" + run).then().statusCode(200).body("code.text", equalTo("hartfalen"));
			fhir(user(nurse)).contentType("application/json-patch+json").body(patch)
					.patch("/Condition?_id=ac-anna-problem-" + run).then().statusCode(200)
					.body("code.text", equalTo("overschreven")); // the same patch of a related patient's Condition
		}
	}

	@Nested
	class Enrolment {
		@Test
		void aNurse_cannotEnrolHerselfInTheTeamOfAnUnrelatedPatient_evenNamingHerOwnPatient() {
			String team = "{\"resourceType\":\"CareTeam\",\"status\":\"active\",\"subject\":" + ref("Patient/" + bea)
					+ ",\"participant\":[{\"member\":" + ref("Patient/" + anna) + "},{\"member\":" + ref(nurse) + "}]}";

			fhir(user(nurse)).body(team).post("/CareTeam").then().statusCode(403);
			fhir(user(nurse)).get("/Patient/" + bea).then().statusCode(404);
		}

		@Test
		void theSocialDomain_cannotAddAnyoneToATeam() {
			String team = "{\"resourceType\":\"CareTeam\",\"status\":\"active\",\"subject\":" + ref("Patient/" + anna)
					+ ",\"participant\":[{\"member\":" + ref(gpB) + "}]}";

			fhir(user(social)).body(team).post("/CareTeam").then().statusCode(403);
			fhir(user(gpB)).get("/Patient/" + anna).then().statusCode(404);
		}

		@Test
		void aProfessionalResponsibleForThePatient_addsAColleague() {
			String team = "{\"resourceType\":\"CareTeam\",\"status\":\"active\",\"subject\":" + ref("Patient/" + anna)
					+ ",\"participant\":[{\"member\":" + ref(gpA) + "}]}";

			fhir(user(nurse)).body(team).post("/CareTeam").then().statusCode(201);
		}
	}

	@Nested
	class WritesThroughASecondReference {
		@Test
		void aConditionAboutAnUnrelatedPatient_withTheRelatedOneAsAsserter_isRefused() {
			String problem = "{\"resourceType\":\"Condition\",\"code\":{\"text\":\"x\"},\"subject\":" + ref("Patient/" + bea)
					+ ",\"asserter\":" + ref("Patient/" + anna) + "}";

			fhir(user(nurse)).body(problem).post("/Condition").then().statusCode(403);
		}

		@Test
		void anObservationAboutAnUnrelatedPatient_withTheRelatedOneAsPerformer_isRefused_alsoInATransaction() {
			String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
					+ "\"subject\":" + ref("Patient/" + bea) + ",\"performer\":[" + ref("Patient/" + anna) + "]}";
			fhir(user(nurse)).body(observation).post("/Observation").then().statusCode(403);
			String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
					+ condition(anna, "ok") + ",\"request\":{\"method\":\"POST\",\"url\":\"Condition\"}},{\"resource\":"
					+ observation + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";

			fhir(user(nurse)).body(bundle).post("/").then().statusCode(403);
			fhir().get("/Condition?subject=Patient/" + anna + "&code:text=ok").then().body("total", equalTo(0));
		}

		@Test
		void movingARelatedPatientsResourceToAnotherPatient_isRefused() {
			fhir(user(nurse)).body(condition(bea, "verplaatst").replace("{\"resourceType\":\"Condition\"",
					"{\"resourceType\":\"Condition\",\"id\":\"ac-anna-problem-" + run + "\""))
					.put("/Condition/ac-anna-problem-" + run).then().statusCode(403);
		}

		@Test
		void changingOrDeletingAnUnrelatedResource_answersAsIfItDidNotExist() {
			fhir(user(nurse)).delete("/Condition/ac-bea-problem-" + run).then().statusCode(200)
					.body(containsString("does not exist")); // HAPI's answer for an absent id
			fhir(user(nurse)).body(withId(condition(bea, "overschreven"), "ac-bea-problem-" + run))
					.put("/Condition/ac-bea-problem-" + run).then().statusCode(404);
			fhir().get("/Condition/ac-bea-problem-" + run).then().statusCode(200).body("code.text", equalTo("hartfalen"));
		}
	}

	@Nested
	class SearchComposition {
		@Test
		void aValueListMixingRelatedAndUnrelatedPatients_answersForTheRelatedOnly() {
			fhir(user(nurse)).get("/Patient?_id=" + anna + "," + bea).then().statusCode(200).body("total", equalTo(1))
					.body("entry[0].resource.id", equalTo(anna));
			fhir(user(nurse)).get("/Condition?subject=Patient/" + anna + ",Patient/" + bea + "&_summary=count")
					.then().statusCode(200).body("total", equalTo(1));
			fhir(user(nurse)).get("/Patient?_id=" + anna + "," + bea + "&_has:Condition:subject:_id=ac-bea-problem-" + run)
					.then().statusCode(200).body("total", equalTo(0));
		}

		@Test
		void theSocialDomain_learnsNoMedicalFactThroughHasOrChains() {
			fhir(user(social)).get("/Patient?_has:Condition:subject:_id=ac-anna-problem-" + run).then().statusCode(403);
			fhir(user(social)).get("/CarePlan?subject:Patient._has:Observation:subject:status=final").then().statusCode(403);
			fhir(user(social)).get("/Encounter?reason-reference.code:text=valneiging").then().statusCode(403);
		}

		@Test
		void theSocialDomain_seesMeetingsButNotTheGpConsult_notEvenInACount() {
			fhir(user(social)).get("/Encounter?subject=Patient/" + anna + "&_summary=count").then().statusCode(200)
					.body("total", equalTo(0));
			fhir(user(social)).get("/Encounter/ac-anna-consult-" + run).then().statusCode(404);
			fhir(user(social)).get("/CarePlan?subject=Patient/" + anna).then().statusCode(200).body("total", equalTo(1));
		}

		@Test
		void everythingOfARelatedPatient_leavesOutWhatIsAboutAnUnrelatedOne_thoughItNamesHer() {
			String observation = "{\"resourceType\":\"Observation\",\"id\":\"ac-bea-by-anna-" + run + "\","
					+ "\"status\":\"final\",\"code\":{\"text\":\"bloeddruk\"},\"subject\":" + ref("Patient/" + bea)
					+ ",\"performer\":[" + ref("Patient/" + anna) + "]}";
			put("Observation/ac-bea-by-anna-" + run, observation);
			// it is in Anna's compartment (she performed it), so a system client's $everything of her has it
			assertThat(fhir().get("/Patient/" + anna + "/$everything?_count=500").then().statusCode(200).extract()
					.jsonPath().getList("entry.resource.id")).contains("ac-bea-by-anna-" + run, "ac-anna-problem-" + run);

			Response everything = fhir(user(nurse)).get("/Patient/" + anna + "/$everything?_count=500");

			everything.then().statusCode(200);
			assertThat(everything.jsonPath().getList("entry.resource.id")).contains("ac-anna-problem-" + run)
					.doesNotContain("ac-bea-by-anna-" + run);
		}

		@Test
		void aHistoryOfATypeShowsOnlyRelatedPatients_andCountsNobodyElse() {
			Response history = fhir(user(nurse)).get("/Condition/_history?_count=500");

			history.then().statusCode(200).body("total", org.hamcrest.Matchers.nullValue());
			assertThat(history.asString()).doesNotContain("hartfalen");
		}

		@Test
		void includesOutsideTheRelation_areLeftOut_notRefused() {
			put("Observation/ac-anna-obs-" + run, "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":"
					+ "{\"text\":\"gewicht\"},\"subject\":" + ref("Patient/" + anna) + ",\"performer\":[" + ref("Patient/" + bea)
					+ "]}");
			Response response = fhir(user(nurse)).get("/Observation?subject=Patient/" + anna
					+ "&_include=Observation:subject&_include=Observation:performer");

			response.then().statusCode(200).body("total", equalTo(1));
			assertThat(response.jsonPath().getList("entry.resource.id")).contains(anna).doesNotContain(bea);
		}
	}

	@Nested
	class ListQueriesOfProfessionals {
		@Test
		void aGp_findsHerOwnPatientByBsn_evenWithARawBarInTheUrl() throws Exception {
			fhir(user(gpB)).get("/Patient?identifier=" + BSN + "|" + beaBsn).then().statusCode(200)
					.body("total", equalTo(1)).body("entry[0].resource.id", equalTo(bea));
			assertThat(RawHttp.status(port, "GET /fhir/Patient?identifier=" + BSN + "|" + beaBsn + " HTTP/1.1",
					"Authorization: Bearer " + user(gpB) + "\r\n", null)).isEqualTo(200);
		}

		@Test
		void aPatientListedWithAColleaguesRole_orWithHerOwnPractitioner_isHers_withoutAnyCareTeam() {
			String colleague = "PractitionerRole/ac-colleague-" + run;
			role(colleague, "ac-practice-a-" + run, "huisarts");
			String practitioner = "Practitioner/ac-locum-" + run;
			put(practitioner, "{\"resourceType\":\"Practitioner\"}");
			String locum = "PractitionerRole/ac-locum-role-" + run; // her role at a practice of her own
			put("Organization/ac-practice-c-" + run, "{\"resourceType\":\"Organization\",\"name\":\"C\"}");
			put(locum, "{\"resourceType\":\"PractitionerRole\",\"practitioner\":" + ref(practitioner)
					+ ",\"organization\":" + ref("Organization/ac-practice-c-" + run) + "}");
			String withRole = "ac-cora-" + run;
			String withPractitioner = "ac-dirk-" + run;
			put("Patient/" + withRole, patient(Fixtures.newBsn(), colleague));
			put("Patient/" + withPractitioner, patient(Fixtures.newBsn(), practitioner));

			fhir(user(gpA)).get("/Patient/" + withRole).then().statusCode(200);
			fhir(user(gpB)).get("/Patient/" + withRole).then().statusCode(404);
			fhir(user(locum)).get("/Patient/" + withPractitioner).then().statusCode(200);
			fhir(user(locum)).get("/Patient/" + withRole).then().statusCode(404);
			fhir(user(gpA)).get("/Patient/" + withPractitioner).then().statusCode(404);
		}

		@Test
		void aGp_searchingByName_seesHerOwnNamesakeOnly() {
			fhir(user(gpB)).get("/Patient?family=" + family).then().statusCode(200).body("total", equalTo(1))
					.body("entry[0].resource.id", equalTo(bea));
			fhir(user(gpA)).get("/Patient?family=" + family).then().statusCode(200).body("total", equalTo(1))
					.body("entry[0].resource.id", equalTo(anna));
		}

		@Test
		void aGp_listsTheActivePlansOfHerPatients() {
			Response response = fhir(user(gpB)).get("/CarePlan?status=active&_count=500");

			response.then().statusCode(200);
			assertThat(response.jsonPath().getList("entry.resource.subject.reference", String.class))
					.contains("Patient/" + bea).containsOnly("Patient/" + bea);
		}

		@Test
		void aGp_registersANewPatientOfHerPractice_butNotOfAnother() {
			fhir(user(gpB)).body(patient(Fixtures.newBsn(), "Organization/ac-practice-b-" + run)).post("/Patient")
					.then().statusCode(201);
			fhir(user(gpB)).body(patient(Fixtures.newBsn(), "Organization/ac-practice-a-" + run)).post("/Patient")
					.then().statusCode(403);
		}

		@Test
		void aPatientListedWithAnotherGpOfHerPractice_isHerPatientToo() {
			String colleague = "Practitioner/ac-colleague-" + run;
			put(colleague, "{\"resourceType\":\"Practitioner\",\"name\":[{\"family\":\"Collega\"}]}");
			put("PractitionerRole/ac-colleague-role-" + run, "{\"resourceType\":\"PractitionerRole\",\"practitioner\":"
					+ ref(colleague) + ",\"organization\":" + ref("Organization/ac-practice-a-" + run) + "}");
			String carla = "ac-carla-" + run;
			put("Patient/" + carla, patient(Fixtures.newBsn(), colleague));

			fhir(user(gpA)).get("/Patient/" + carla).then().statusCode(200);
			fhir(user(gpB)).get("/Patient/" + carla).then().statusCode(404);
		}

		@Test
		void anAppUsingHapisGenericClient_pagesThroughItsPatientsAndGets404OutsideIt() {
			IGenericClient client = FhirContext.forR4Cached().newRestfulGenericClient("http://localhost:" + port + "/fhir");
			client.registerInterceptor(new BearerTokenAuthInterceptor(user(gpA)));

			Bundle page = client.search().forResource(Patient.class).where(Patient.FAMILY.matches().value(family))
					.returnBundle(Bundle.class).execute();
			assertThat(page.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(anna);
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.read().resource(Patient.class).withId(bea).execute())
					.isInstanceOf(ResourceNotFoundException.class);
		}
	}

	@Nested
	class NoOracles {
		@Test
		void readingAnUnrelatedResource_answersExactlyLikeReadingAnAbsentOne() {
			Response unrelated = fhir(user(gpA)).get("/Patient/" + bea);
			Response absent = fhir(user(gpA)).get("/Patient/ac-absent-" + run);

			assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(404);
		}

		@Test
		void updatingAnIdTakenOutsideTheRelation_answersExactlyLikeUpdatingAFreeOne_andCreatesNothing() {
			String taken = "ac-bea-problem-" + run;
			String free = "ac-free-" + UUID.randomUUID();
			Response unrelated = fhir(user(gpA)).body(withId(condition(anna, "valneiging"), taken)).put("/Condition/" + taken);
			Response absent = fhir(user(gpA)).body(withId(condition(anna, "valneiging"), free)).put("/Condition/" + free);

			assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(404);
			assertThat(unrelated.asString().replace(taken, "ID")).isEqualTo(absent.asString().replace(free, "ID"));
			fhir().get("/Condition/" + free).then().statusCode(404);
			fhir().get("/Condition/" + taken).then().statusCode(200).body("code.text", equalTo("hartfalen"));
		}

		@Test
		void deletingAnIdTakenOutsideTheRelation_answersExactlyLikeDeletingAFreeOne() {
			String taken = "ac-bea-problem-" + run;
			String free = "ac-free-" + UUID.randomUUID();
			Response unrelated = fhir(user(gpA)).delete("/Condition/" + taken);
			Response absent = fhir(user(gpA)).delete("/Condition/" + free);

			assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(200); // "Not deleted, … does not exist"
			assertThat(unrelated.asString().replace(taken, "ID")).isEqualTo(absent.asString().replace(free, "ID"));
			fhir().get("/Condition/" + taken).then().statusCode(200);
		}

		@Test
		void deletingAnIdTakenOutsideTheRelation_withAStaleIfMatch_answersExactlyLikeDeletingAFreeOne() {
			String taken = "ac-bea-problem-" + run;
			String free = "ac-free-" + UUID.randomUUID();
			Response unrelated = fhir(user(gpA)).header("If-Match", "W/\"99\"").delete("/Condition/" + taken);
			Response absent = fhir(user(gpA)).header("If-Match", "W/\"99\"").delete("/Condition/" + free);

			assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(200); // no 412 that tells it exists
			assertThat(unrelated.asString().replace(taken, "ID")).isEqualTo(absent.asString().replace(free, "ID"));
			fhir().get("/Condition/" + taken).then().statusCode(200);
		}

		@Test
		void updatingAnIdTakenOutsideTheRelation_inATransaction_answersLikeAFreeOne() {
			String taken = "ac-bea-problem-" + run;
			String free = "ac-free-" + UUID.randomUUID();
			java.util.function.Function<String, Response> transaction = id -> fhir(user(gpA))
					.body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
							+ withId(condition(anna, "valneiging"), id) + ",\"request\":{\"method\":\"PUT\",\"url\":"
							+ "\"Condition/" + id + "\"}}]}")
					.post("/");

			Response unrelated = transaction.apply(taken);
			Response absent = transaction.apply(free);

			assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(404);
			assertThat(unrelated.asString().replace(taken, "ID")).isEqualTo(absent.asString().replace(free, "ID"));
			fhir().get("/Condition/" + free).then().statusCode(404);
		}

		@Test
		void deletingAnIdTakenOutsideTheRelation_inATransaction_answersLikeAFreeOne() {
			String taken = "ac-bea-problem-" + run;
			String free = "ac-free-" + UUID.randomUUID();
			java.util.function.Function<String, Response> transaction = id -> fhir(user(gpA))
					.body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"request\":"
							+ "{\"method\":\"DELETE\",\"url\":\"Condition/" + id + "\"}}]}")
					.post("/");

			Response unrelated = transaction.apply(taken);
			Response absent = transaction.apply(free);

			assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(404);
			assertThat(unrelated.asString().replace(taken, "ID")).isEqualTo(absent.asString().replace(free, "ID"));
			fhir().get("/Condition/" + taken).then().statusCode(200);
		}

		@Test
		void searchingForAnUnrelatedPatient_answersExactlyLikeSearchingForAnAbsentOne() {
			for (String query : List.of("/Patient?identifier=" + BSN + "%7C", "/Patient?_summary=count&identifier="
					+ BSN + "%7C")) {
				Response unrelated = fhir(user(gpA)).urlEncodingEnabled(false).get(query + beaBsn);
				Response absent = fhir(user(gpA)).urlEncodingEnabled(false).get(query + Fixtures.newBsn());
				assertThat(unrelated.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(200);
				assertThat(unrelated.jsonPath().getInt("total")).isEqualTo(absent.jsonPath().getInt("total")).isZero();
			}
		}
	}

	@Nested
	class ScopesTakenLiterally {
		@Test
		void aPatientOnlyScope_getsNoConsentsFromTheWorklist_norScoresFromThePathway() {
			String patientsOnly = Tokens.of("system/Patient.rs", null, null);
			fhir(patientsOnly).get("/Patient/" + anna).then().statusCode(200);
			fhir(patientsOnly).get("/$worklist?type=consent-review").then().statusCode(403);
			fhir(patientsOnly).get("/Patient/" + anna + "/$pathway").then().statusCode(403);
			fhir(Tokens.of("system/*.rs", null, null)).get("/Patient/" + anna + "/$pathway").then().statusCode(200);
		}

		@Test
		void theOverdueActionsList_needsTaskReadScopes_likeEveryTypeItShows() {
			String allButTasks = "system/Patient.rs system/Condition.rs system/Consent.rs system/Encounter.rs"
					+ " system/EpisodeOfCare.rs system/QuestionnaireResponse.rs";
			fhir(Tokens.of(allButTasks, null, null)).get("/$worklist?type=tasks-overdue").then().statusCode(403);
			fhir(Tokens.of(allButTasks + " system/Task.rs", null, null)).get("/$worklist?type=tasks-overdue")
					.then().statusCode(200);
		}

		@Test
		void searchDoesNotReadById_readDoesNotSearch_updateDoesNotCreate() {
			fhir(Tokens.of("system/Patient.s", null, null)).get("/Patient/" + anna).then().statusCode(403);
			fhir(Tokens.of("system/Patient.s", null, null)).get("/Patient?_id=" + anna).then().statusCode(200);
			fhir(Tokens.of("system/Patient.r", null, null)).get("/Patient?_id=" + anna).then().statusCode(403);
			fhir(Tokens.of("system/Patient.r", null, null)).get("/Patient/" + anna).then().statusCode(200);
			fhir(Tokens.of("system/Patient.u", null, null)).body(patient(Fixtures.newBsn(), null)).post("/Patient")
					.then().statusCode(403);
			String createInATransaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
					+ patient(Fixtures.newBsn(), null) + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}";
			fhir(Tokens.of("system/Patient.u", null, null)).body(createInATransaction).post("/").then().statusCode(403);
		}
	}

	@Nested
	class AuditThatAnswersQuestions {
		private final String auditor = Tokens.of("system/AuditEvent.rs", null, null);

		private io.restassured.path.json.JsonPath events(String query, int atLeast) {
			return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(
					() -> fhir(auditor).get("/AuditEvent?" + query).then().statusCode(200).extract().jsonPath(),
					found -> found.getInt("total") >= atLeast);
		}

		@Test
		void whoSawThePatientInAPeriod_isAnsweredByPatientAndDate_andPaged() {
			String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
			String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString();
			fhir(user(gpA)).get("/Patient/" + anna).then().statusCode(200);
			fhir(user(nurse)).get("/Condition?subject=Patient/" + anna).then().statusCode(200);

			String who = "patient=Patient/" + anna + "&date=ge" + today + "&date=lt" + tomorrow;
			io.restassured.path.json.JsonPath found = events(who + "&action=R", 2);
			assertThat(found.getList("entry.resource.collect { it.agent[0].who.reference }", String.class)).contains(gpA, nurse)
					.doesNotContain(gpB);
			events(who + "&agent=" + nurse, 1);
			events("entity=Patient/" + anna + "&agent=" + gpA, 1);
			assertThat(events("patient=Patient/" + anna + "&date=lt2000-01-01", 0).getInt("total")).isZero();

			io.restassured.path.json.JsonPath first = events(who + "&_count=1", 2);
			assertThat(first.getList("entry")).hasSize(1);
			String next = first.getString("link.find { it.relation == 'next' }.url");
			assertThat(next).contains("_offset=1");
		}

		@Test
		void everyRouteRecordsThePatient_transactionsCountsAndRefusals() {
			String client = "audit-routes-" + run;
			String nurseToken = Tokens.token("n", client, "user/*.cruds", nurse, null, Duration.ofHours(1), Tokens.SECRET);
			String socialToken = Tokens.token("s", client, "user/*.cruds", social, null, Duration.ofHours(1), Tokens.SECRET);
			fhir(nurseToken).body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
					+ condition(anna, "in een transactie") + ",\"request\":{\"method\":\"POST\",\"url\":\"Condition\"}}]}")
					.post("/").then().statusCode(200);
			fhir(nurseToken).get("/Condition?subject=Patient/" + anna + "&_summary=count").then().statusCode(200);
			fhir(socialToken).get("/Condition?subject=Patient/" + anna).then().statusCode(403);

			io.restassured.path.json.JsonPath found = events("altid=" + client + "&patient=Patient/" + anna, 3);
			assertThat(found.getList("entry.resource.collect { it.subtype[0].code }", String.class))
					.containsExactlyInAnyOrder("transaction", "search-type", "search-type");
			assertThat(found.getList("entry.resource.outcome", String.class)).contains("0", "4");
			assertThat(events("altid=" + client + "&subtype=search-type", 2)
					.getList("entry.resource.collect { it.subtype[0].code }", String.class))
					.containsExactly("search-type", "search-type");
		}

		@Test
		void aBodyRefusedForItsSize_beforeHapiSawIt_leavesAnAuditEventToo() throws Exception {
			String since = java.time.Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
					.toString();
			ByteArrayOutputStream compressed = new ByteArrayOutputStream();
			try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
				gzip.write(new byte[65 * 1024 * 1024]); // over the 64 MB limit once inflated
			}
			fhir(user(nurse)).header("Content-Encoding", "gzip").body(compressed.toByteArray()).post("/Patient")
					.then().statusCode(413);

			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> fhir(auditor)
					.get("/AuditEvent?outcome=4&date=ge" + since).then().statusCode(200).extract().jsonPath()
					.getList("entry.resource.outcomeDesc", String.class), descriptions -> descriptions.stream()
							.anyMatch(description -> description.startsWith("413 ") && description.contains("decompressed")));
		}

		@Test
		void aConditionalCreateThatMatches_isAuditedAsTheReadItIs() {
			String client = "audit-conditional-" + run;
			String token = Tokens.token("n", client, "user/*.cruds", nurse, null, Duration.ofHours(1), Tokens.SECRET);
			fhir(token).header("If-None-Exist", "identifier=" + BSN + "|" + annaBsn).body(patient(annaBsn, null))
					.post("/Patient").then().statusCode(200);

			io.restassured.path.json.JsonPath found = events("altid=" + client, 1);
			assertThat(found.getList("entry.resource.action", String.class)).containsExactly("R");
			assertThat(found.getList("entry.resource.collect { it.entity[0].what.reference }", String.class))
					.containsExactly("Patient/" + anna);
		}

		@Test
		void aPopulationListAsASpreadsheet_recordsEveryPatientOnIt() {
			String client = "audit-csv-" + run;
			String integrator = Tokens.token("i", client, "system/*.rs", null, null, Duration.ofHours(1), Tokens.SECRET);
			String csv = fhir(integrator).accept("text/csv")
					.get("/Patient/$screening-list?_format=csv&practice=Organization/ac-practice-a-" + run).then()
					.statusCode(200).extract().asString();
			assertThat(csv).contains("Patient/" + anna);

			events("altid=" + client + "&patient=Patient/" + anna, 1);
		}

		@Test
		void aPatient_seesWhoAccessedHerRecord_andNothingAboutOthers() {
			fhir(user(gpA)).get("/Patient/" + anna).then().statusCode(200);
			fhir(user(gpB)).get("/Patient/" + bea).then().statusCode(200);
			String herself = Tokens.of("patient/AuditEvent.rs patient/Patient.rs", null, anna);

			io.restassured.path.json.JsonPath mine = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
					.until(() -> fhir(herself).get("/AuditEvent?patient=Patient/" + anna).then().statusCode(200).extract()
							.jsonPath(), found -> found.getList("entry").size() >= 1);
			assertThat(mine.getList("entry.resource.entity.flatten().what.reference", String.class))
					.contains("Patient/" + anna).doesNotContain("Patient/" + bea);
			fhir(herself).get("/AuditEvent?patient=Patient/" + bea).then().statusCode(403);
			fhir(Tokens.of("patient/*.rs", null, anna)).get("/AuditEvent?patient=Patient/" + anna).then().statusCode(403);
		}

		@Test
		void aRequestWithABadToken_leavesATraceToo() {
			fhir("not-a-token").get("/Patient/ac-401-" + run).then().statusCode(401);

			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(
					() -> fhir(auditor).get("/AuditEvent?outcome=4&_count=200").then().extract().asString(),
					page -> page.contains("ac-401-" + run));
		}
	}

	@Nested
	class Edges {
		@Test
		void responsesWithPatientData_areNeverStoredByCaches() {
			fhir(user(gpA)).get("/Patient/" + anna).then().statusCode(200).header("Cache-Control", "no-store");
		}

		@Test
		void aNumberParameterThatIsNoNumber_gets400WithoutJavaInternals() {
			fhir().get("/Patient/$screening-list?minAge=abc").then().statusCode(400)
					.body("resourceType", equalTo("OperationOutcome"))
					.body(not(containsString("java."))).body(not(containsString("Exception")));
		}

		@Test
		void tokensWithoutExpiry_tooLongLived_orWithAContradictoryPatient_get401() {
			String noExpiry = Tokens.token("x", "c", "system/*.rs", null, null, null, Tokens.SECRET);
			String fiftyYears = Tokens.token("x", "system/*.rs", null, null, Duration.ofDays(365L * 50), Tokens.SECRET);
			String contradicts = Tokens.of("patient/*.rs", "Patient/" + bea, anna);
			for (String token : List.of(noExpiry, fiftyYears, contradicts)) {
				fhir(token).get("/Patient/" + anna).then().statusCode(401);
			}
		}

		@Test
		void aConsentIsNeverDeleted_itsHistoryIsKept() {
			fhir().delete("/Consent/ac-consent-" + run).then().statusCode(405).body("resourceType", equalTo("OperationOutcome"));
			fhir().get("/Consent/ac-consent-" + run).then().statusCode(200);
		}

		@Test
		void theAuditTrail_cannotBeWrittenThroughATransaction() {
			String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
					+ "{\"resourceType\":\"AuditEvent\",\"type\":{\"code\":\"rest\"},\"recorded\":\"2026-01-01T00:00:00Z\","
					+ "\"agent\":[{\"requestor\":true}],\"source\":{\"observer\":{\"display\":\"x\"}}},"
					+ "\"request\":{\"method\":\"POST\",\"url\":\"AuditEvent\"}}]}";

			fhir(Tokens.of("system/*.cruds system/AuditEvent.cruds", null, null)).body(bundle).post("/")
					.then().statusCode(405);
		}

		@Test
		void aChunkedBodyOverTheLimit_andAGzipBomb_get413() throws Exception {
			byte[] big = new byte[65 * 1024 * 1024]; // the limit is 64 MB
			java.util.Arrays.fill(big, (byte) ' ');
			assertThat(RawHttp.status(port, "POST /fhir/Patient HTTP/1.1", "Authorization: Bearer " + Tokens.system()
					+ "\r\nContent-Type: application/fhir+json\r\n", big)).isEqualTo(413);

			ByteArrayOutputStream compressed = new ByteArrayOutputStream();
			try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
				gzip.write(big);
			}
			assertThat(compressed.size()).isLessThan(100_000);
			fhir().header("Content-Encoding", "gzip").body(compressed.toByteArray()).post("/Patient")
					.then().statusCode(413);
		}

		@Test
		void aSmallGzipBody_isAccepted() throws Exception {
			ByteArrayOutputStream compressed = new ByteArrayOutputStream();
			try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
				gzip.write(patient(Fixtures.newBsn(), null).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			fhir().header("Content-Encoding", "gzip").body(compressed.toByteArray()).post("/Patient")
					.then().statusCode(201);
		}
	}

	/**
	 * Access follows the work (issue 14): GP A refers Anna to a physiotherapist of another organization and
	 * assigns the action as a Task; the physiotherapist's app finds it, reads the referral and Anna, reports
	 * progress, and sees nothing else of Anna's record; an outsider sees nothing at all.
	 */
	@Nested
	class AssignedWork {
		private final String physio = "PractitionerRole/ac-physio-" + run;
		private String task;
		private String referral;

		@BeforeEach
		void gpAReferredAnnaToAPhysiotherapistOfAnotherOrganization_andAssignedTheAction() {
			put("Organization/ac-physio-practice-" + run, "{\"resourceType\":\"Organization\",\"name\":\"Fysio\"}");
			role(physio, "ac-physio-practice-" + run, "fysiotherapeut");
			ServiceRequest request = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
					.setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/" + anna))
					.addPerformer(new Reference(physio)).setRequester(new Reference(gpA));
			request.getCode().setText("Valpreventie: oefenprogramma thuis");
			request.addSupportingInfo(new Reference("Condition/ac-anna-problem-" + run));
			referral = fhir(user(gpA)).body(Fhir.json(request)).post("/ServiceRequest").then().statusCode(201)
					.extract().path("id");
			Task action = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
					.setPriority(Task.TaskPriority.URGENT).setFor(new Reference("Patient/" + anna))
					.setOwner(new Reference(physio)).setRequester(new Reference(gpA)).setDescription("Oefenprogramma thuis");
			action.addBasedOn(new Reference("ServiceRequest/" + referral));
			task = fhir(user(gpA)).body(Fhir.json(action)).post("/Task").then().statusCode(201).extract().path("id");
		}

		@Test
		void thePhysiotherapistFindsHerTask_readsTheReferralWhatItNamesAndThePatient() {
			fhir(user(physio)).get("/Task?owner=" + physio + "&status=requested&_include=Task:based-on").then()
					.statusCode(200)
					.body("entry.resource.id", org.hamcrest.Matchers.hasItems(task, referral));
			fhir(user(physio)).get("/ServiceRequest/" + referral).then().statusCode(200);
			fhir(user(physio)).get("/Condition/ac-anna-problem-" + run).then().statusCode(200); // supporting information
			fhir(user(physio)).get("/Patient/" + anna).then().statusCode(200);
		}

		@Test
		void aPerformerFindsTheReferralsSentToHer_bySearch_alsoWithoutATask() {
			String dietitian = "PractitionerRole/ac-dietitian-" + run;
			put("Organization/ac-diet-practice-" + run, "{\"resourceType\":\"Organization\",\"name\":\"Dietist\"}");
			role(dietitian, "ac-diet-practice-" + run, "dietist");
			ServiceRequest toDietitian = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
					.setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/" + anna))
					.addPerformer(new Reference(dietitian)).setRequester(new Reference(gpA));
			toDietitian.getCode().setText("Ondervoeding: voedingsadvies");
			toDietitian.addSupportingInfo(new Reference("Condition/ac-anna-problem-" + run));
			String dietReferral = fhir(user(gpA)).body(Fhir.json(toDietitian)).post("/ServiceRequest").then()
					.statusCode(201).extract().path("id");

			fhir(user(dietitian)).get("/ServiceRequest?performer=" + dietitian + "&_include=ServiceRequest:subject")
					.then().statusCode(200).body("entry.resource.id", org.hamcrest.Matchers.containsInAnyOrder(dietReferral, anna));
			fhir(user(dietitian)).get("/Condition/ac-anna-problem-" + run).then().statusCode(200); // supporting information
			fhir(user(dietitian)).get("/ServiceRequest/" + referral).then().statusCode(404); // the physiotherapist's
			fhir(user(dietitian)).get("/Encounter/ac-anna-consult-" + run).then().statusCode(404);
			fhir(user(physio)).get("/ServiceRequest?status=active").then().statusCode(200)
					.body("entry.resource.id", org.hamcrest.Matchers.contains(referral));

			Task weighing = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
					.setPriority(Task.TaskPriority.ROUTINE).setFor(new Reference("Patient/" + anna))
					.setOwner(new Reference(nurse)).setDescription("Wekelijks wegen");
			weighing.addBasedOn(new Reference("ServiceRequest/" + dietReferral));
			String weighingTask = fhir(user(gpA)).body(Fhir.json(weighing)).post("/Task").then().statusCode(201)
					.extract().path("id");
			fhir(user(dietitian)).get("/Task?status=requested").then().statusCode(200) // the nurse's, on her referral
					.body("entry.resource.id", org.hamcrest.Matchers.contains(weighingTask));
			fhir(user(gpA)).get("/ServiceRequest?patient=" + anna).then().statusCode(200)
					.body("entry.resource.id", org.hamcrest.Matchers.hasItems(referral, dietReferral));
		}

		@Test
		void thePhysiotherapistSeesNothingElseOfThePatient() {
			put("Condition/ac-anna-other-" + run, condition(anna, "depressie"));
			fhir(user(physio)).get("/Condition/ac-anna-other-" + run).then().statusCode(404);
			// a search naming the patient is refused as for any professional outside her relation
			fhir(user(physio)).get("/Condition?patient=" + anna).then().statusCode(403);
			fhir(user(physio)).get("/Condition?code:text=depressie").then().statusCode(200)
					.body("entry", org.hamcrest.Matchers.nullValue());
			fhir(user(physio)).get("/Encounter/ac-anna-consult-" + run).then().statusCode(404);
		}

		@Test
		void aTaskThatNamesAnotherPatientsRecord_doesNotOpenItToItsOwner() {
			Task naming = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
					.setFor(new Reference("Patient/" + anna)).setOwner(new Reference(physio));
			naming.addInput().setValue(new Reference("Condition/ac-bea-problem-" + run)).getType().setText("zie ook");
			fhir(user(gpA)).body(Fhir.json(naming)).post("/Task").then().statusCode(201);

			fhir(user(physio)).get("/Condition/ac-bea-problem-" + run).then().statusCode(404);
		}

		@Test
		void thePhysiotherapistAcceptsAndCompletesHerTask_butChangesNothingElseOfIt() {
			Task mine = Fhir.parse(Task.class, fhir(user(physio)).get("/Task/" + task));
			mine.setStatus(Task.TaskStatus.ACCEPTED);
			fhir(user(physio)).body(Fhir.json(mine)).put("/Task/" + task).then().statusCode(200);

			mine = Fhir.parse(Task.class, fhir(user(physio)).get("/Task/" + task));
			mine.setStatus(Task.TaskStatus.COMPLETED).addOutput().setValue(new StringType("6 weken geoefend, valt niet meer"))
					.getType().setText("verslag");
			fhir(user(physio)).body(Fhir.json(mine)).put("/Task/" + task).then().statusCode(200);

			mine = Fhir.parse(Task.class, fhir(user(physio)).get("/Task/" + task));
			mine.setPriority(Task.TaskPriority.ROUTINE).setFor(new Reference("Patient/" + bea));
			fhir(user(physio)).body(Fhir.json(mine)).put("/Task/" + task).then().statusCode(403);
			fhir(user(physio)).body(Fhir.json(new Task().setStatus(Task.TaskStatus.REQUESTED)
					.setIntent(Task.TaskIntent.ORDER).setFor(new Reference("Patient/" + anna)))).post("/Task")
					.then().statusCode(403);
		}

		@Test
		void aMessageAboutThePatient_isReadByTheTeamAndItsRecipients_andByNoOneElse() {
			Communication message = new Communication().setStatus(Communication.CommunicationStatus.COMPLETED)
					.setSubject(new Reference("Patient/" + anna)).setSender(new Reference(nurse));
			message.addRecipient(new Reference(physio)).addRecipient(new Reference(gpA));
			message.addPayload().setContent(new StringType("Mevrouw is gisteren gevallen; graag oefenprogramma eerder starten"));
			String id = fhir(user(nurse)).body(Fhir.json(message)).post("/Communication").then().statusCode(201)
					.extract().path("id");

			fhir(user(gpA)).get("/Communication?patient=" + anna).then().statusCode(200)
					.body("entry.resource.id", org.hamcrest.Matchers.hasItem(id));
			fhir(user(physio)).get("/Communication/" + id).then().statusCode(200); // a recipient outside the team
			fhir(user(gpB)).get("/Communication/" + id).then().statusCode(404);

			Communication answer = new Communication().setStatus(Communication.CommunicationStatus.COMPLETED)
					.setSubject(new Reference("Patient/" + anna)).setSender(new Reference(physio));
			answer.addRecipient(new Reference(nurse)).addInResponseTo(new Reference("Communication/" + id));
			answer.addPayload().setContent(new StringType("Start maandag"));
			String reply = fhir().body(Fhir.json(answer)).post("/Communication").then().statusCode(201).extract()
					.path("id"); // as her practice system records it
			fhir(user(physio)).get("/Communication/" + reply).then().statusCode(200); // its sender, outside the team
			fhir(user(gpB)).get("/Communication/" + reply).then().statusCode(404);
		}

		@Test
		void thePhysiotherapistsAppSubscribesToItsOwnTasks_andIsNotifiedOfANewOne_butMayNotSubscribeToEverything()
				throws Exception {
			java.util.concurrent.BlockingQueue<String> notified = new java.util.concurrent.LinkedBlockingQueue<>();
			com.sun.net.httpserver.HttpServer app = com.sun.net.httpserver.HttpServer.create(
					new java.net.InetSocketAddress("127.0.0.1", 0), 0);
			app.createContext("/hook", exchange -> {
				notified.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			app.start();
			try {
				String subscription = fhir(user(physio)).body(Fhir.json(subscription("Task?owner=" + physio,
						"http://127.0.0.1:" + app.getAddress().getPort() + "/hook"))).post("/Subscription")
						.then().statusCode(201).extract().path("id");
				org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(
						fhir(user(physio)).get("/Subscription/" + subscription).then().statusCode(200).extract().path("status")));

				Task another = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
						.setPriority(Task.TaskPriority.ROUTINE).setFor(new Reference("Patient/" + anna)).setOwner(new Reference(physio));
				another.addBasedOn(new Reference("ServiceRequest/" + referral));
				String id = fhir(user(gpA)).body(Fhir.json(another)).post("/Task").then().statusCode(201).extract().path("id");

				assertThat(notified.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("PUT /hook/Task/" + id);
				fhir(user(gpB)).get("/Subscription/" + subscription).then().statusCode(404); // someone else's
			} finally {
				app.stop(0);
			}
			fhir(user(physio)).body(Fhir.json(subscription("Task?status=requested", "http://127.0.0.1:9/hook")))
					.post("/Subscription").then().statusCode(403);
			fhir(user(physio)).body(Fhir.json(subscription("Condition?patient=Patient/" + anna, "http://127.0.0.1:9/hook")))
					.post("/Subscription").then().statusCode(403);
			fhir().body(Fhir.json(subscription("Task?owner=" + physio, "ftp://127.0.0.1/hook"))).post("/Subscription")
					.then().statusCode(422);
		}

		@Test
		void aNotificationIsJudgedAgainAtDelivery_aNurseWhoLeftTheTeamHearsNoMoreOfThePatient() throws Exception {
			String carl = "ac-carl-" + run;
			put("Patient/" + carl, patient(Fixtures.newBsn(), "Organization/ac-practice-a-" + run));
			put("CareTeam/ac-carl-team-" + run, "{\"resourceType\":\"CareTeam\",\"status\":\"active\",\"subject\":"
					+ ref("Patient/" + carl) + ",\"participant\":[{\"member\":" + ref(nurse) + "}]}");
			java.util.concurrent.BlockingQueue<String> notified = new java.util.concurrent.LinkedBlockingQueue<>();
			com.sun.net.httpserver.HttpServer app = com.sun.net.httpserver.HttpServer.create(
					new java.net.InetSocketAddress("127.0.0.1", 0), 0);
			app.createContext("/hook", exchange -> {
				notified.add(exchange.getRequestURI().getPath());
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			app.start();
			try {
				String subscription = fhir(user(nurse)).body(Fhir.json(subscription(
						"Condition?patient=Patient/" + anna + ",Patient/" + carl,
						"http://127.0.0.1:" + app.getAddress().getPort() + "/hook"))).post("/Subscription")
						.then().statusCode(201).extract().path("id");
				org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(
						fhir(user(nurse)).get("/Subscription/" + subscription).then().extract().path("status")));
				put("CareTeam/ac-team-" + run, "{\"resourceType\":\"CareTeam\",\"status\":\"active\",\"subject\":"
						+ ref("Patient/" + anna) + ",\"participant\":[{\"member\":" + ref(social) + "}]}"); // she left

				fhir().body(condition(anna, "decubitus")).post("/Condition").then().statusCode(201);
				String carls = fhir().body(condition(carl, "obstipatie")).post("/Condition").then().statusCode(201)
						.extract().path("id");

				assertThat(notified.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("/hook/Condition/" + carls);
				assertThat(notified.poll(3, java.util.concurrent.TimeUnit.SECONDS)).isNull(); // not Anna's, before or after
			} finally {
				app.stop(0);
			}
		}

		@Test
		void aWebsocketBindsOnlyToItsCallersOwnSubscription() {
			String subscription = activeWebsocketSubscription(physio, "Task?owner=" + physio);

			try (Socket someoneElses = Socket.open(port, user(gpB)); Socket absent = Socket.open(port, user(gpB));
					Socket own = Socket.open(port, user(physio))) {
				assertThat(someoneElses.send("bind " + subscription).next(10)).startsWith("error");
				assertThat(someoneElses.next(10)).isEqualTo("closed 1008"); // policy violation
				assertThat(absent.send("bind ac-absent-" + run).next(10)).isEqualTo("error Not a Subscription you may read");
				assertThat(own.send("bind " + subscription).next(10)).isEqualTo("bound " + subscription);
			}
		}

		@Test
		void aWebsocketOfANurseWhoLeftTheTeam_isClosedInsteadOfPinged() {
			String subscription = activeWebsocketSubscription(nurse, "Condition?patient=Patient/" + anna);

			try (Socket socket = Socket.open(port, user(nurse))) {
				assertThat(socket.send("bind " + subscription).next(10)).isEqualTo("bound " + subscription);
				fhir().body(condition(anna, "decubitus")).post("/Condition").then().statusCode(201);
				assertThat(socket.next(30)).isEqualTo("ping " + subscription);

				put("CareTeam/ac-team-" + run, "{\"resourceType\":\"CareTeam\",\"status\":\"active\",\"subject\":"
						+ ref("Patient/" + anna) + ",\"participant\":[{\"member\":" + ref(social) + "}]}"); // she left
				fhir().body(condition(anna, "obstipatie")).post("/Condition").then().statusCode(201);

				assertThat(socket.next(30)).startsWith("error");
				assertThat(socket.next(10)).isEqualTo("closed 1008");
			}
		}

		/** A websocket Subscription made by this user's app, once the server has activated it. */
		private String activeWebsocketSubscription(String owner, String criteria) {
			Subscription websocket = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
					.setReason("Zorgpad-app").setCriteria(criteria);
			websocket.getChannel().setType(Subscription.SubscriptionChannelType.WEBSOCKET);
			String id = fhir(user(owner)).body(Fhir.json(websocket)).post("/Subscription").then().statusCode(201)
					.extract().path("id");
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(
					fhir(user(owner)).get("/Subscription/" + id).then().extract().path("status")));
			return id;
		}

		private Subscription subscription(String criteria, String endpoint) {
			Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
					.setReason("Zorgpad-app: nieuwe acties").setCriteria(criteria);
			subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
					.setPayload("application/fhir+json");
			return subscription;
		}

		@Test
		void anUnrelatedProfessional_seesNeitherTheTaskNorTheReferral() {
			fhir(user(gpB)).get("/Task/" + task).then().statusCode(404);
			fhir(user(gpB)).get("/ServiceRequest/" + referral).then().statusCode(404);
			fhir(user(gpB)).get("/Task?status=requested").then().statusCode(200)
					.body("entry.resource.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(task)));
		}
	}

	private static String user(String fhirUser) {
		return Tokens.of("user/*.cruds", fhirUser, null);
	}

	private static void put(String path, String json) {
		fhir().body(withId(json, path.substring(path.indexOf('/') + 1))).put("/" + path).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
	}

	private static String ref(String reference) {
		return "{\"reference\":\"" + reference + "\"}";
	}

	private static void role(String role, String organization, String code) {
		put(role, "{\"resourceType\":\"PractitionerRole\",\"organization\":" + ref("Organization/" + organization)
				+ ",\"code\":[{\"coding\":[{\"system\":\"https://zorgpad.nl/fhir/CodeSystem/care-team-role\",\"code\":\""
				+ code + "\"}]}]}");
	}

	private String patient(String bsn, String practice) {
		return "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + BSN + "\",\"value\":\"" + bsn + "\"}],"
				+ "\"name\":[{\"family\":\"" + family + "\"}],\"birthDate\":\"1938-02-03\""
				+ (practice == null ? "" : ",\"generalPractitioner\":[" + ref(practice) + "]") + "}";
	}

	private static String withId(String json, String id) {
		return json.replaceFirst("\\{\"resourceType\":\"([A-Za-z]+)\"", "{\"resourceType\":\"$1\",\"id\":\"" + id + "\"");
	}

	private static String condition(String patient, String text) {
		return "{\"resourceType\":\"Condition\",\"code\":{\"text\":\"" + text + "\"},\"subject\":" + ref("Patient/" + patient)
				+ "}";
	}

	private static String carePlan(String patient) {
		return "{\"resourceType\":\"CarePlan\",\"status\":\"active\",\"intent\":\"plan\",\"subject\":"
				+ ref("Patient/" + patient) + "}";
	}

	private static String consent(String patient) {
		org.hl7.fhir.r4.model.Consent consent = nl.zorgpad.support.Examples.about("Consent-bespreken-kernteam",
				"Patient/" + patient);
		java.time.LocalDate today = Fixtures.today();
		consent.setDateTime(Fixtures.date(today.minusDays(1)));
		consent.getProvision().getPeriod().setStart(Fixtures.date(today.minusDays(1)))
				.setEnd(Fixtures.date(today.plusYears(1)));
		return nl.zorgpad.support.Fhir.json(consent);
	}
}
