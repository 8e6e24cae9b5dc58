package nl.zorgpad.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.List;
import nl.zorgpad.frailty.FrailtyFacts;
import nl.zorgpad.support.Examples;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.ServerTest;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walks patients through the pathway over HTTP and, at every step, tries the forbidden shortcut: each
 * is refused with its rule id and a message that says what to record first.
 */
class PathwayRulesIT extends ServerTest {
	private static final String CS = "https://zorgpad.nl/fhir/CodeSystem/";
	private static final LocalDate TODAY = Fixtures.today(); // the server's day
	private static final String HUISARTS = "PractitionerRole/huisarts-de-boer";
	private static final String POH = "PractitionerRole/poh-van-dijk";
	private static final String WIJKVERPLEEGKUNDIGE = "PractitionerRole/wijkverpleegkundige-bakker";
	private static final String SO = "PractitionerRole/so-visser";
	private static final String MAATSCHAPPELIJK_WERKER = "PractitionerRole/maatschappelijk-werker-smit";

	private String patient;

	@BeforeEach
	void theExamplePractitionersAndANewPatientOf82() {
		fhir().body(Fhir.json(Examples.transaction())).post("/").then().statusCode(200);
		patient = "Patient/" + created(Fixtures.elderlyPatient(Fixtures.uniqueFamily()));
	}

	@Test
	void walksAPatientThroughThePathway_refusingEveryShortcut() {
		// 1 Signalling: a possibly-frail episode needs nothing yet
		Condition episode = frailtyEpisode("A49.01", "mogelijk-kwetsbaar");
		episode.setId(created(episode));

		// 2 Needs assessment: no frail status and no core-team discussion before consent
		refused(update(withStatus(episode, "A05", "kwetsbaar")), "ZP-R2", "programma-deelname");
		refused(create(meeting("kernteam-overleg", Encounter.EncounterStatus.PLANNED, TODAY, POH)), "ZP-R1", "bespreken-kernteam");
		created(consent("programma-deelname"));
		created(consent("bespreken-kernteam"));

		// 3 Mapping frailty: kwetsbaar is accepted once participation is agreed
		accepted(update(withStatus(episode, "A05", "kwetsbaar")));

		// 4 Core team: a finished discussion needs exactly one coordinator
		CareTeam team = careTeam(false);
		team.setId(created(team));
		refused(create(meeting("kernteam-overleg", Encounter.EncounterStatus.FINISHED, TODAY, POH)), "ZP-R4", "coördinator");
		team.getParticipant().get(1).addRole(code("care-team-role", "coordinator"));
		accepted(update(team));
		created(meeting("kernteam-overleg", Encounter.EncounterStatus.FINISHED, TODAY, POH));

		// complex frail only with the five criteria on file
		refused(update(withStatus(episode, "A05", "complex-kwetsbaar")), "ZP-R3", "complex-kwetsbaar-criteria");
		created(checklist("complex-kwetsbaar-criteria", "c", 5));
		accepted(update(withStatus(episode, "A05", "complex-kwetsbaar")));

		// 5 Broad MDO only with an active Gezondheidsplan whose actions have an owner and urgency
		refused(create(meeting("breed-mdo", Encounter.EncounterStatus.PLANNED, TODAY.plusDays(14), HUISARTS)),
				"ZP-R5", "gezondheidsplan");
		CarePlan plan = Examples.about("CarePlan-gezondheidsplan-jansen", patient);
		plan.setPeriod(new Period().setStart(Fixtures.now())).getAddresses().clear();
		created(plan);
		created(meeting("breed-mdo", Encounter.EncounterStatus.PLANNED, TODAY.plusDays(14), HUISARTS));

		// GZSP trajectory: only after the admission steps, in order
		EpisodeOfCare trajectory = trajectory("startfase", EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
		refused(create(trajectory), "ZP-R6", "mdo-gzsp");
		created(meeting("mdo-gzsp", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(10), HUISARTS, WIJKVERPLEEGKUNDIGE));
		created(meeting("so-consult", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(7), SO));
		created(meeting("mdo-gzsp", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(3), HUISARTS, SO));
		created(checklist("gzsp-inclusie", "i", 4));
		trajectory.setId(created(trajectory));
		refused(create(trajectory("startfase", EpisodeOfCare.EpisodeOfCareStatus.ACTIVE)), "ZP-R6", "vervolgfase");

		// 6 Stop: finishing needs the four stop criteria
		trajectory.setStatus(EpisodeOfCare.EpisodeOfCareStatus.FINISHED).getPeriod().setEnd(Fixtures.now());
		refused(update(trajectory), "ZP-R6", "gzsp-stop");
		created(checklist("gzsp-stop", "s", 4));
		accepted(update(trajectory));
	}

	@Test
	void walksThePathwayWithTheLagsOfRealPractice_andEveryViewAgreesWhereSheIs() {
		String practice = listedThroughHerGpsRole();
		// day -90 the POH opens the signalling episode; day -75 the patient consents
		Condition episode = frailtyEpisode("A49.01", "mogelijk-kwetsbaar");
		episode.setRecordedDateElement(new DateTimeType(Fixtures.date(TODAY.minusDays(90))));
		episode.setOnset(new DateTimeType(Fixtures.date(TODAY.minusDays(90))));
		episode.setId(created(episode));
		Consent participation = consent("programma-deelname");
		participation.setDateTime(Fixtures.date(TODAY.minusDays(75)));
		participation.getProvision().getPeriod().setStart(Fixtures.date(TODAY.minusDays(75)));
		created(participation);
		Consent discussion = consent("bespreken-kernteam");
		discussion.getProvision().getPeriod().setStart(Fixtures.date(TODAY.minusDays(75)));
		created(discussion);

		// today, after the home visit, the same episode is re-coded A05 kwetsbaar (recordedDate stays day -90)
		accepted(update(withStatus(episode, "A05", "kwetsbaar")));
		// later details of the episode change nothing about when its status was set
		episode.getNoteFirstRep().setText("huisbezoek afgerond");
		accepted(update(episode));

		// the GZSP admission: MDOs held on days -14 and -10, the SO consult on day -12,
		// the inclusion checklist typed in today about the MDO of day -10, the trajectory started on day -9
		created(careTeam(true));
		created(meeting("mdo-gzsp", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(14), HUISARTS, WIJKVERPLEEGKUNDIGE));
		created(meeting("so-consult", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(12), SO));
		String inclusionMdo = created(meeting("mdo-gzsp", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(10),
				HUISARTS, SO));
		QuestionnaireResponse inclusion = checklist("gzsp-inclusie", "i", 4);
		inclusion.setEncounter(new Reference("Encounter/" + inclusionMdo));
		created(inclusion);
		EpisodeOfCare trajectory = trajectory("startfase", EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
		trajectory.setPeriod(new Period().setStart(Fixtures.date(TODAY.minusDays(9))));
		String trajectoryId = created(trajectory);

		// the five criteria, typed in today about the MDO of day -10, and the status complex frail set today
		QuestionnaireResponse criteria = checklist("complex-kwetsbaar-criteria", "c", 5);
		criteria.setEncounter(new Reference("Encounter/" + inclusionMdo));
		created(criteria);
		accepted(update(withStatus(episode, "A05", "complex-kwetsbaar")));

		// $pathway, the worklists and the report agree on her
		LocalDate evaluation = TODAY.minusDays(9).plusMonths(3);
		LocalDate nextMdo = TODAY.minusDays(10).plusMonths(12);
		JsonPath pathway = fhir().get("/" + patient + "/$pathway").then().statusCode(200).extract().jsonPath();
		assertThat(pathway.getString("parameter.find { it.name == 'frailty' }.part.find { it.name == 'status' }"
				+ ".valueCoding.code")).isEqualTo("complex-kwetsbaar");
		assertThat(pathway.getString("parameter.find { it.name == 'trajectory' }.part.find { it.name == 'nextEvaluation' }"
				+ ".valueDate")).isEqualTo(evaluation.toString());
		assertThat(worklist("evaluation-due", practice, evaluation.minusDays(1))).isEmpty();
		assertThat(worklist("evaluation-due", practice, evaluation))
				.containsExactly("EpisodeOfCare/" + trajectoryId + " due " + evaluation);
		assertThat(worklist("mdo-due", practice, nextMdo.minusDays(1))).isEmpty();
		assertThat(worklist("mdo-due", practice, nextMdo)).containsExactly(patient + " due " + nextMdo);
		JsonPath report = fhir().get("/$monitoring-report?practice=" + practice).then().statusCode(200).extract().jsonPath();
		String row = "parameter.find { it.name == 'practice' && it.part.find { p -> p.name == 'organization' }"
				+ ".valueReference.reference == 'Organization/" + practice + "' }.part.find { it.name == '%s' }.valueInteger";
		assertThat(report.getInt(row.formatted("listedPatients"))).isEqualTo(1);
		assertThat(report.getInt(row.formatted("complex-kwetsbaar"))).isEqualTo(1);
		assertThat(report.getInt(row.formatted("kwetsbaar"))).isZero();

		// she dies: her MDO and evaluation are no longer due and her consents need no review
		LocalDate aYearOn = TODAY.plusYears(1);
		assertThat(worklist("consent-review", practice, aYearOn)).isNotEmpty();
		Patient deceased = Fhir.parse(Patient.class, fhir().get("/" + patient).then().statusCode(200).extract().response());
		deceased.setDeceased(new DateTimeType(Fixtures.now()));
		accepted(update(deceased));
		assertThat(worklist("mdo-due", practice, nextMdo)).isEmpty();
		assertThat(worklist("evaluation-due", practice, evaluation)).isEmpty();
		assertThat(worklist("consent-review", practice, aYearOn)).isEmpty();
	}

	/** Lists her at a practice of her own, through her GP's PractitionerRole (as HIS systems do); returns the practice. */
	private String listedThroughHerGpsRole() {
		String practice = created(new Organization().setName("Huisartsenpraktijk " + Fixtures.uniqueFamily()));
		PractitionerRole gp = new PractitionerRole().setOrganization(new Reference("Organization/" + practice));
		String role = created(gp);
		Patient listed = Fhir.parse(Patient.class, fhir().get("/" + patient).then().statusCode(200).extract().response());
		listed.addGeneralPractitioner(new Reference("PractitionerRole/" + role));
		accepted(update(listed));
		return practice;
	}

	/** The worklist's items as "Type/id due yyyy-mm-dd". */
	private static List<String> worklist(String type, String practice, LocalDate date) {
		Bundle bundle = Fhir.parse(Bundle.class, fhir().get("/$worklist?type=" + type + "&practice=" + practice
				+ "&date=" + date).then().statusCode(200).extract().response());
		return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().toUnqualifiedVersionless().getValue()
				+ " due " + entry.getExtensionByUrl("https://zorgpad.nl/fhir/StructureDefinition/zp-worklist-item")
						.getExtensionByUrl("due").getValue().primitiveValue()).toList();
	}

	@Test
	void aStatusSetWithoutConsent_isStillRefused_however_lateItIsRegistered() {
		Condition episode = frailtyEpisode("A49.01", "mogelijk-kwetsbaar");
		episode.setRecordedDateElement(new DateTimeType(Fixtures.date(TODAY.minusDays(90))));
		episode.setId(created(episode));

		refused(update(withStatus(episode, "A05", "kwetsbaar")), "ZP-R2", "programma-deelname");
	}

	@Test
	void aRecordPushedLater_isJudgedOnTheStatusDateItStates() {
		Consent participation = consent("programma-deelname");
		participation.getProvision().getPeriod().setStart(Fixtures.date(TODAY.minusDays(75)))
				.setEnd(Fixtures.date(TODAY.minusDays(20)));
		created(participation); // consent that has since run out

		Condition statedInTime = withStatusDate(frailtyEpisode("A05", "kwetsbaar"), TODAY.minusDays(60));
		created(statedInTime);
		Condition statedBeforeConsent = withStatusDate(frailtyEpisode("A05", "kwetsbaar"), TODAY.minusDays(80));
		refused(create(statedBeforeConsent), "ZP-R2", "programma-deelname");
		refused(create(frailtyEpisode("A05", "kwetsbaar")), "ZP-R2", "programma-deelname"); // no date stated: today
	}

	private static Condition withStatusDate(Condition episode, LocalDate day) {
		episode.getStageFirstRep().addExtension(FrailtyFacts.STATUS_DATE, new DateTimeType(Fixtures.date(day)));
		return episode;
	}

	@Test
	void aChecklistWithoutItsMeeting_countsOnTheDayItWasAuthored() {
		created(consent("programma-deelname"));
		created(consent("bespreken-kernteam"));
		created(careTeam(true));
		created(meeting("mdo-gzsp", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(14), HUISARTS, WIJKVERPLEEGKUNDIGE));
		created(meeting("so-consult", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(12), SO));
		created(meeting("mdo-gzsp", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(10), HUISARTS, SO));
		created(checklist("gzsp-inclusie", "i", 4)); // authored today, no encounter: after a start on day -9
		EpisodeOfCare trajectory = trajectory("startfase", EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
		trajectory.setPeriod(new Period().setStart(Fixtures.date(TODAY.minusDays(9))));

		refused(create(trajectory), "ZP-R6", "gzsp-inclusie");
	}

	@Test
	void simultaneousWritesCannotBreakARule_fiveStartPhasesAtOnceStoreOne() throws Exception {
		admittedToGzsp();
		String body = Fhir.json(trajectory("startfase", EpisodeOfCare.EpisodeOfCareStatus.ACTIVE));
		java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(5);
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			answers.add(writers.submit(() -> {
				start.await();
				return fhir().body(body).post("/EpisodeOfCare").statusCode();
			}));
		}
		start.countDown();
		List<Integer> statuses = new java.util.ArrayList<>();
		for (java.util.concurrent.Future<Integer> answer : answers) {
			statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
		}
		writers.shutdown();

		assertThat(statuses).containsOnly(201, 422).filteredOn(status -> status == 201).hasSize(1);
		assertThat(fhir().get("/EpisodeOfCare?patient=" + patient).jsonPath().getInt("total")).isEqualTo(1);
	}

	@Test
	void anOpenActionOfTheActivePlan_needsAnOwnerAndAnUrgency_onEveryWriteOfThePlanOrItsTask() {
		created(consent("programma-deelname"));
		CarePlan plan = Examples.about("CarePlan-gezondheidsplan-jansen", patient);
		plan.setPeriod(new Period().setStart(Fixtures.now())).getAddresses().clear();
		plan.setId(created(plan));

		// a new action on the active plan without an urgency: refused; once given one, accepted
		CarePlan.CarePlanActivityDetailComponent action = plan.addActivity().getDetail()
				.setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED).setDescription("Medicatiereview")
				.addPerformer(new org.hl7.fhir.r4.model.Reference(POH));
		refused(update(plan), "ZP-R8", "Medicatiereview");
		action.addExtension("https://zorgpad.nl/fhir/StructureDefinition/zp-urgency",
				new org.hl7.fhir.r4.model.CodeType("routine"));
		accepted(update(plan));

		// a Task based on the plan: an owner and a priority while it is open; closing it needs neither
		Task task = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
				.setFor(new org.hl7.fhir.r4.model.Reference(patient)).setDescription("Valpreventie thuis");
		task.addBasedOn(new org.hl7.fhir.r4.model.Reference("CarePlan/" + plan.getIdElement().getIdPart()));
		refused(create(task), "ZP-R8", "Valpreventie thuis");
		task.setOwner(new org.hl7.fhir.r4.model.Reference(WIJKVERPLEEGKUNDIGE)).setPriority(Task.TaskPriority.URGENT);
		task.setId(created(task));
		task.setOwner(null).setStatus(Task.TaskStatus.CANCELLED);
		accepted(update(task));
	}

	/** Steps 1–5 and the GZSP admission (consents, frailty, core team, plan, MDOs with SO, inclusion checklist). */
	private void admittedToGzsp() {
		created(consent("programma-deelname"));
		created(consent("bespreken-kernteam"));
		created(careTeam(true));
		created(meeting("kernteam-overleg", Encounter.EncounterStatus.FINISHED, TODAY, POH));
		created(checklist("complex-kwetsbaar-criteria", "c", 5));
		created(frailtyEpisode("A05", "complex-kwetsbaar"));
		CarePlan plan = Examples.about("CarePlan-gezondheidsplan-jansen", patient);
		plan.setPeriod(new Period().setStart(Fixtures.now())).getAddresses().clear();
		created(plan);
		created(meeting("mdo-gzsp", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(10), HUISARTS, WIJKVERPLEEGKUNDIGE));
		created(meeting("so-consult", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(7), SO));
		created(meeting("mdo-gzsp", Encounter.EncounterStatus.FINISHED, TODAY.minusDays(3), HUISARTS, SO));
		created(checklist("gzsp-inclusie", "i", 4));
	}

	@Test
	void aMeetingCodedWithTwoMeetingTypes_isJudgedAsEachOfThem() {
		Encounter twoTypes = meeting("so-consult", Encounter.EncounterStatus.PLANNED, TODAY, SO);
		twoTypes.getTypeFirstRep().addCoding(new Coding(CS + "meeting-type", "breed-mdo", null));

		refused(create(twoTypes), "ZP-R1", "bespreken-kernteam");
	}

	@Test
	void aConsentThatATransactionDoesNotStore_doesNotCount() {
		Bundle bundle = transaction(meeting("kernteam-overleg", Encounter.EncounterStatus.PLANNED, TODAY, POH));
		Consent carried = consent("bespreken-kernteam");
		bundle.getEntry().add(0, new Bundle.BundleEntryComponent().setResource(carried).setRequest(
				new Bundle.BundleEntryRequestComponent().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Consent/zp-absent")));

		refused(fhir().body(Fhir.json(bundle)).post("/"), "ZP-R1", "bespreken-kernteam");
	}

	@Test
	void aConditionalCreateAndABatchEntry_areJudgedLikeAnyOtherWrite() {
		Encounter unconsented = meeting("kernteam-overleg", Encounter.EncounterStatus.PLANNED, TODAY, POH);
		refused(fhir().header("If-None-Exist", "identifier=urn:zorgpad:test|" + java.util.UUID.randomUUID())
				.body(Fhir.json(unconsented)).post("/Encounter"), "ZP-R1", "bespreken-kernteam");

		Bundle batch = transaction(meeting("kernteam-overleg", Encounter.EncounterStatus.PLANNED, TODAY, POH))
				.setType(Bundle.BundleType.BATCH);
		Response response = fhir().body(Fhir.json(batch)).post("/");

		response.then().statusCode(200).body("entry[0].response.status", org.hamcrest.Matchers.startsWith("422"))
				.body("entry[0].response.outcome.issue[0].diagnostics", org.hamcrest.Matchers.containsString(
						"bespreken-kernteam")); // HAPI's batch keeps the message, not the rule-id coding
		fhir().queryParam("subject", patient).queryParam("_summary", "count").get("/Encounter")
				.then().body("total", equalTo(0));
	}

	@Test
	void acceptsAMeetingAndItsConsentInOneTransaction() {
		Bundle bundle = transaction(consent("bespreken-kernteam"),
				meeting("kernteam-overleg", Encounter.EncounterStatus.PLANNED, TODAY, POH));

		fhir().body(Fhir.json(bundle)).post("/").then().statusCode(200);
	}

	@Test
	void refusesATransactionWithAnUnconsentedMeeting_andStoresNoneOfIt() {
		Condition signal = frailtyEpisode("A49.01", "mogelijk-kwetsbaar");
		signal.addNote().setText("marker-" + patient);
		Bundle bundle = transaction(signal, meeting("kernteam-overleg", Encounter.EncounterStatus.PLANNED, TODAY, POH));

		refused(fhir().body(Fhir.json(bundle)).post("/"), "ZP-R1", "bespreken-kernteam");

		fhir().queryParam("subject", patient).queryParam("_summary", "count").get("/Condition")
				.then().body("total", equalTo(0));
	}

	@Test
	void aRevokedConsentBlocksLaterDiscussions_notEarlierOnes() {
		Consent permit = consent("bespreken-kernteam");
		permit.getProvision().getPeriod().setStart(Fixtures.date(TODAY.minusDays(60)));
		permit.setDateTime(Fixtures.date(TODAY.minusDays(60)));
		created(permit);
		Consent deny = consent("bespreken-kernteam");
		deny.getProvision().setType(Consent.ConsentProvisionType.DENY);
		deny.setDateTime(Fixtures.date(TODAY.minusDays(10)));
		deny.getProvision().getPeriod().setStart(Fixtures.date(TODAY.minusDays(10)));
		created(deny);

		created(meeting("kernteam-overleg", Encounter.EncounterStatus.PLANNED, TODAY.minusDays(20), POH));
		refused(create(meeting("kernteam-overleg", Encounter.EncounterStatus.PLANNED, TODAY, POH)), "ZP-R1", "bespreken-kernteam");
	}

	@Test
	void warnsButAccepts_aFrailtyEpisodeOfAPatientUnder75() {
		Patient younger = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
		younger.setBirthDate(Fixtures.date(TODAY.minusYears(70)));
		patient = "Patient/" + created(younger);

		Response response = fhir().header("Prefer", "return=OperationOutcome")
				.body(Fhir.json(frailtyEpisode("A49.01", "mogelijk-kwetsbaar"))).post("/Condition");

		response.then().statusCode(201);
		assertThat(response.jsonPath().getList("issue.findAll { it.severity == 'warning' }.details.coding.flatten().code"))
				.contains("ZP-W1");
	}

	@Test
	void listsTheActiveRulesInTheCapabilityStatement() {
		fhir().get("/metadata").then().statusCode(200)
				.body("rest[0].extension.findAll { it.url == '" + PathwayRulesConfig.ACTIVE_RULE_EXTENSION
						+ "' }.valueCoding.code", hasItem("ZP-R6"));
	}

	// --- fixtures: the example story's resources, about this test's patient ---

	private Condition frailtyEpisode(String icpc, String status) {
		Condition episode = Examples.about("Condition-kwetsbaarheid-jansen", patient);
		episode.getStageFirstRep().getAssessment().clear();
		episode.getStageFirstRep().getExtension().clear(); // its status is set on the day of the write
		episode.getEvidence().clear();
		episode.setRecordedDateElement(new DateTimeType(Fixtures.date(TODAY)));
		episode.setOnset(new DateTimeType(Fixtures.date(TODAY)));
		return withStatus(episode, icpc, status);
	}

	private static Condition withStatus(Condition episode, String icpc, String status) {
		episode.getCode().getCodingFirstRep().setCode(icpc).setDisplay(null);
		episode.getStageFirstRep().setSummary(code("frailty-status", status));
		return episode;
	}

	private Consent consent(String category) {
		Consent consent = Examples.about("Consent-" + category, patient);
		consent.setDateTime(Fixtures.date(TODAY.minusDays(30)));
		consent.getProvision().setPeriod(new Period()
				.setStart(Fixtures.date(TODAY.minusDays(30))).setEnd(Fixtures.date(TODAY.plusDays(365))));
		return consent;
	}

	private Encounter meeting(String type, Encounter.EncounterStatus status, LocalDate day, String... participants) {
		Encounter meeting = Examples.about("Encounter-kernteam-overleg", patient);
		meeting.getTypeFirstRep().getCodingFirstRep().setCode(type).setDisplay(null);
		meeting.setStatus(status);
		meeting.getReasonReference().clear();
		meeting.setPeriod(new Period().setStart(Fixtures.date(day)));
		meeting.getParticipant().clear();
		for (String participant : participants) {
			meeting.addParticipant().setIndividual(new Reference(participant));
		}
		return meeting;
	}

	private CareTeam careTeam(boolean withCoordinator) {
		CareTeam team = Examples.about("CareTeam-kernteam-jansen", patient);
		team.getParticipant().forEach(participant -> participant.getRole()
				.removeIf(role -> role.getCodingFirstRep().getCode().equals("coordinator")));
		if (withCoordinator) {
			team.getParticipant().get(1).addRole(code("care-team-role", "coordinator"));
		}
		return team;
	}

	private QuestionnaireResponse checklist(String questionnaire, String prefix, int items) {
		QuestionnaireResponse response = new QuestionnaireResponse();
		response.setQuestionnaire("https://zorgpad.nl/fhir/Questionnaire/" + questionnaire);
		response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
		response.setSubject(new Reference(patient)).setAuthored(Fixtures.now()).setAuthor(new Reference(HUISARTS));
		for (int i = 1; i <= items; i++) {
			response.addItem().setLinkId(prefix + i).addAnswer().setValue(new BooleanType(true));
		}
		return response;
	}

	private EpisodeOfCare trajectory(String phase, EpisodeOfCare.EpisodeOfCareStatus status) {
		EpisodeOfCare trajectory = Examples.about("EpisodeOfCare-gzsp-zorgtraject-jansen", patient);
		trajectory.getDiagnosis().clear();
		trajectory.getTeam().clear();
		trajectory.getType().get(1).getCodingFirstRep().setCode(phase).setDisplay(null);
		trajectory.setStatus(status);
		trajectory.setPeriod(new Period().setStart(Fixtures.now()));
		return trajectory;
	}

	private static CodeableConcept code(String codeSystem, String code) {
		return new CodeableConcept(new Coding(CS + codeSystem, code, null));
	}

	private static Bundle transaction(Resource... resources) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : resources) {
			bundle.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.POST)
					.setUrl(resource.fhirType());
		}
		return bundle;
	}

	// --- HTTP ---

	private static Response create(Resource resource) {
		return fhir().body(Fhir.json(resource)).post("/" + resource.fhirType());
	}

	private static String created(Resource resource) {
		Response response = create(resource);
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
		return response.jsonPath().getString("id");
	}

	private static Response update(Resource resource) {
		return fhir().body(Fhir.json(resource)).put("/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart());
	}

	private static void accepted(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
	}

	private static void refused(Response response, String ruleId, String mentions) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(422);
		response.then()
				.body("issue[0].code", equalTo("business-rule"))
				.body("issue[0].details.coding[0].system", equalTo("https://zorgpad.nl/fhir/CodeSystem/pathway-rule"))
				.body("issue[0].details.coding[0].code", equalTo(ruleId));
		assertThat(response.jsonPath().getString("issue[0].diagnostics")).containsIgnoringCase(mentions);
	}
}
