package nl.zorgpad.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.Population;
import nl.zorgpad.support.ServerTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A coordinator asks what is due; the generator's manifest holds the answers. */
class WorklistIT extends ServerTest {
	private static final String ITEM = "https://zorgpad.nl/fhir/StructureDefinition/zp-worklist-item";
	private Population population;
	private LocalDate today;

	@BeforeEach
	void aGeneratedPopulation() {
		population = Population.on(port);
		today = population.referenceDate();
	}

	/** Looking nine months ahead: who will by then have gone twelve months without an MDO. */
	@Test
	void mdoDue_listsComplexFrailPatients_withoutAnMdoInTwelveMonths() {
		LocalDate date = today.plusMonths(9);
		Set<String> expected = mdoDue(date).stream().map(Population.Patient::id).collect(Collectors.toSet());
		Set<String> complexFrail = population.patients().stream()
				.filter(p -> "complex-kwetsbaar".equals(p.frailtyStatus())).map(Population.Patient::id)
				.collect(Collectors.toSet());
		assertThat(expected).as("fixture: some, not all, complex frail patients are due").isNotEmpty()
				.hasSizeLessThan(complexFrail.size());

		assertThat(patientsOn("mdo-due", date)).isEqualTo(expected);
	}

	@Test
	void mdoDue_readsTheStatusOfTheLatestActiveEpisode_notOfALaterOneEnteredInError() {
		LocalDate date = today.plusMonths(9);
		List<Population.Patient> duplicated = mdoDue(date).stream()
				.filter(p -> p.episodes().stream().anyMatch(e -> e.isEnteredInError() && "A05".equals(e.code())))
				.toList();
		assertThat(duplicated).as("fixture: due complex frail patients with a later A05 entered in error").isNotEmpty();

		assertThat(patientsOn("mdo-due", date)).containsAll(duplicated.stream().map(Population.Patient::id).toList());
	}

	@Test
	void evaluationDue_listsActiveTrajectories_threeMonthsAfterTheStart_untilAnEvaluationIsRecorded() {
		List<Population.Patient> due = population.patients().stream()
				.filter(p -> p.trajectory() != null && "active".equals(p.trajectory().status()))
				.filter(p -> !p.trajectory().start().plusMonths(3).isAfter(today))
				.sorted(Comparator.comparing(Population.Patient::id))
				.toList();
		assertThat(due).as("fixture: trajectories due for evaluation").isNotEmpty();
		assertThat(patientsOn("evaluation-due"))
				.isEqualTo(due.stream().map(Population.Patient::id).collect(Collectors.toSet()));

		Population.Patient evaluated = due.get(0);
		String evaluation = fhir().body(gzspStopResponse(evaluated.id())).post("/QuestionnaireResponse").then()
				.statusCode(201).extract().path("id");
		try {
			Set<String> after = patientsOn("evaluation-due");
			assertThat(after).doesNotContain(evaluated.id()).hasSize(due.size() - 1);
		} finally { // the population is shared: leave it as the manifest describes it
			fhir().delete("/QuestionnaireResponse/" + evaluation).then().statusCode(200);
		}
	}

	@Test
	void consentReview_listsTheLatestActiveConsentPerCategory_onceItIsAYearOld() {
		Set<String> expected = consentReview(today);
		assertThat(expected).as("fixture").isNotEmpty();

		assertThat(consentReviewOn(today)).isEqualTo(expected);
	}

	@Test
	void consentReview_followsTheConsentHistory_withdrawnOrGivenAgainReplacesTheOldConsent_inactiveIsNotReviewed_expiredIs() {
		LocalDate yearAgo = today.minusMonths(12);
		List<String> superseded = new java.util.ArrayList<>();
		List<String> inactive = new java.util.ArrayList<>();
		List<String> expired = new java.util.ArrayList<>();
		for (Population.Patient patient : population.patients()) {
			for (Population.Consent latest : latestPerCategory(patient, today).values()) {
				String key = patient.id() + " " + latest.category();
				boolean olderOne = patient.consents().stream().anyMatch(c -> c.category().equals(latest.category())
						&& "active".equals(c.status()) && !c.date().isAfter(yearAgo));
				if (latest.date().isAfter(yearAgo) && olderOne) {
					superseded.add(key);
				}
				if ("inactive".equals(latest.status()) && !latest.date().isAfter(yearAgo)) {
					inactive.add(key);
				}
				if ("active".equals(latest.status()) && "permit".equals(latest.provision())
						&& latest.periodEnd().isBefore(today)) {
					expired.add(key + " " + latest.date());
				}
			}
		}
		assertThat(superseded).as("fixture: a year-old consent withdrawn or given again since").isNotEmpty();
		assertThat(inactive).as("fixture: a year-old consent set inactive").isNotEmpty();
		assertThat(expired).as("fixture: a consent whose period has ended").isNotEmpty();

		Set<String> listed = consentReviewOn(today).stream().map(line -> line.substring(0, line.lastIndexOf(' ')))
				.collect(Collectors.toSet());
		assertThat(listed).doesNotContainAnyElementsOf(superseded).doesNotContainAnyElementsOf(inactive);
		assertThat(consentReviewOn(today)).containsAll(expired);
	}

	@Test
	void consentReview_onAPastDate_readsOnlyTheConsentsGivenByThen() {
		LocalDate date = today.minusMonths(6);
		Set<String> expected = consentReview(date);
		assertThat(expected).as("fixture: consents to review then").isNotEmpty();
		assertThat(expected).as("fixture: the answer then differs from today's").isNotEqualTo(consentReview(today));
		assertThat(population.patients()).as("fixture: a consent given after the date replaces an earlier one")
				.anyMatch(p -> !latestPerCategory(p, date).equals(latestPerCategory(p, today))
						&& !latestPerCategory(p, date).isEmpty());

		assertThat(consentReviewOn(date)).isEqualTo(expected);
	}

	@Test
	void refusesAnUnknownWorklist_withAnOperationOutcome() {
		fhir().get("/$worklist?type=coffee").then().statusCode(400)
				.body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("mdo-due"));
	}

	@Test
	void tasksOverdue_listsTheOpenTasksPastTheirDueDate_mostOverdueFirst_inTheFhirAnswerAndTheSpreadsheet() {
		String practice = "Organization/" + fhir().body(Fhir.json(new Organization().setName("Praktijk " + today)))
				.post("/Organization").then().statusCode(201).extract().path("id");
		Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
		patient.addGeneralPractitioner(new Reference(practice));
		String id = fhir().body(Fhir.json(patient)).post("/Patient").then().statusCode(201).extract().path("id");
		String tenDaysLate = task(id, today.minusDays(10), Task.TaskStatus.REQUESTED);
		String threeDaysLate = task(id, today.minusDays(3), Task.TaskStatus.INPROGRESS);
		task(id, today.plusDays(5), Task.TaskStatus.REQUESTED); // not yet due
		task(id, today, Task.TaskStatus.ACCEPTED); // due today: not overdue yet
		task(id, today.minusDays(20), Task.TaskStatus.COMPLETED); // done

		Bundle worklist = worklist("tasks-overdue", practice);

		assertThat(worklist.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart())
				.containsExactly(tenDaysLate, threeDaysLate);
		assertThat(date(worklist.getEntry().get(0), "due")).isEqualTo(today.minusDays(10));
		String csv = fhir().accept("text/csv").get("/$worklist?type=tasks-overdue&_format=csv&practice=" + practice
				+ "&date=" + today).then().statusCode(200).extract().asString();
		assertThat(csv.lines().skip(1)).hasSize(2).first().asString().contains("Task/" + tenDaysLate);
	}

	private String task(String patient, LocalDate due, Task.TaskStatus status) {
		Task task = new Task().setStatus(status).setIntent(Task.TaskIntent.ORDER).setPriority(Task.TaskPriority.ROUTINE)
				.setFor(new Reference("Patient/" + patient)).setAuthoredOn(java.sql.Date.valueOf(today.minusDays(30)));
		task.getRestriction().getPeriod().setEndElement(new org.hl7.fhir.r4.model.DateTimeType(due.toString()));
		return fhir().body(Fhir.json(task)).post("/Task").then().statusCode(201).extract().path("id");
	}

	/** Complex frail patients (status on {@code date}) without a finished MDO in the 12 months up to it. */
	private List<Population.Patient> mdoDue(LocalDate date) {
		return population.patients().stream()
				.filter(p -> "complex-kwetsbaar".equals(p.statusOn(date)))
				.filter(p -> p.meetings().stream().noneMatch(m -> isMdo(m) && "finished".equals(m.status())
						&& !m.date().isAfter(date) && m.date().isAfter(date.minusMonths(12))))
				.toList();
	}

	/** Per category, the latest consent given on or before {@code date}. */
	private static Map<String, Population.Consent> latestPerCategory(Population.Patient patient, LocalDate date) {
		return patient.consents().stream().filter(c -> !c.date().isAfter(date)).collect(Collectors.toMap(
				Population.Consent::category, c -> c, (a, b) -> a.date().isAfter(b.date()) ? a : b));
	}

	/** "patient category since" of the consents to review on {@code date}, from the manifest. */
	private Set<String> consentReview(LocalDate date) {
		Set<String> expected = new HashSet<>();
		for (Population.Patient patient : population.patients()) {
			latestPerCategory(patient, date).values().stream()
					.filter(c -> "active".equals(c.status()) && !c.date().isAfter(date.minusMonths(12)))
					.forEach(c -> expected.add(patient.id() + " " + c.category() + " " + c.date()));
		}
		return expected;
	}

	/** "patient category since" of the consent-review worklist on {@code date}, at the generated practices. */
	private Set<String> consentReviewOn(LocalDate date) {
		Set<String> listed = new HashSet<>();
		for (String practice : population.practices()) {
			for (Bundle.BundleEntryComponent entry : worklist("consent-review", practice, date).getEntry()) {
				Consent consent = (Consent) entry.getResource();
				assertThat(date(entry, "due")).isEqualTo(date(entry, "since").plusMonths(12));
				listed.add(consent.getPatient().getReference() + " "
						+ consent.getCategoryFirstRep().getCodingFirstRep().getCode() + " " + date(entry, "since"));
			}
		}
		return listed;
	}

	private Set<String> patientsOn(String type) {
		return patientsOn(type, today);
	}

	private Set<String> patientsOn(String type, LocalDate date) {
		Set<String> patients = new HashSet<>();
		for (String practice : population.practices()) {
			Bundle bundle = worklist(type, practice, date);
			LocalDate previous = LocalDate.MIN;
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				Extension item = entry.getExtensionByUrl(ITEM);
				assertThat(((org.hl7.fhir.r4.model.Coding) item.getExtensionByUrl("type").getValue()).getCode()).isEqualTo(type);
				assertThat(date(entry, "due")).isAfterOrEqualTo(previous).isBeforeOrEqualTo(date);
				previous = date(entry, "due");
				patients.add(((Reference) item.getExtensionByUrl("patient").getValue()).getReference());
			}
		}
		return patients;
	}

	private Bundle worklist(String type, String practice) {
		return worklist(type, practice, today);
	}

	private Bundle worklist(String type, String practice, LocalDate date) {
		return Fhir.parse(Bundle.class, fhir().get("/$worklist?type=" + type + "&practice=" + practice + "&date=" + date
				+ "&_count=1000").then().statusCode(200).extract().response());
	}

	private static LocalDate date(Bundle.BundleEntryComponent entry, String part) {
		return LocalDate.parse(((DateType) entry.getExtensionByUrl(ITEM).getExtensionByUrl(part).getValue()).getValueAsString());
	}

	private static boolean isMdo(Population.Meeting meeting) {
		return "breed-mdo".equals(meeting.type()) || "mdo-gzsp".equals(meeting.type());
	}

	private String gzspStopResponse(String patient) {
		StringBuilder items = new StringBuilder();
		for (int i = 1; i <= 4; i++) {
			items.append(i > 1 ? "," : "").append("{\"linkId\":\"s").append(i)
					.append("\",\"answer\":[{\"valueBoolean\":false}]}");
		}
		return "{\"resourceType\":\"QuestionnaireResponse\",\"questionnaire\":\"https://zorgpad.nl/fhir/Questionnaire/gzsp-stop\","
				+ "\"status\":\"completed\",\"subject\":{\"reference\":\"" + patient + "\"},\"authored\":\"" + today
				+ "\",\"item\":[" + items + "]}";
	}
}
