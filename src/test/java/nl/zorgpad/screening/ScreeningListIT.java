package nl.zorgpad.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import nl.zorgpad.support.Examples;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.Population;
import nl.zorgpad.support.ServerTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A POH pulls the screening list of a generated population; the generator's manifest holds the answers. */
class ScreeningListIT extends ServerTest {
	private Population population;

	@BeforeEach
	void aGeneratedPopulation() {
		population = Population.on(port);
	}

	/** What the list shows for one patient: the reason columns. */
	record Row(int age, int activeMedications, LocalDate lastContact) {}

	@Test
	void listsThePatientsAged75Plus_withoutAnActiveA05Episode_withTheirReasonColumns() {
		for (String practice : population.practices()) {
			Map<String, Row> expected = expected(practice, p -> true);
			assertThat(expected).as("fixture: patients to screen at %s", practice).hasSizeGreaterThan(20);
			assertThat(list("practice=" + practice)).isEqualTo(expected);
		}
	}

	@Test
	void filtersOnActiveMedications_andOnNotBeingSeenForMonths() {
		String practice = population.practices().get(0);
		Map<String, Row> polypharmacy = expected(practice, p -> p.activeMedicines() >= 5);
		LocalDate seenAfter = population.referenceDate().minusMonths(12);
		Map<String, Row> notSeen = expected(practice, p -> p.lastContact() == null || !p.lastContact().isAfter(seenAfter));
		assertThat(polypharmacy).as("fixture").isNotEmpty();
		assertThat(notSeen).as("fixture").isNotEmpty();

		assertThat(list("practice=" + practice + "&minMedications=5")).isEqualTo(polypharmacy);
		assertThat(list("practice=" + practice + "&notSeenMonths=12")).isEqualTo(notSeen);
	}

	@Test
	void leavesOutDeceasedAndInactivePatients_evenWhenOtherwiseDue() {
		List<Population.Patient> gone = population.patients().stream()
				.filter(p -> !p.isListed() && p.age() >= 75 && !p.hasA05()).toList();
		assertThat(gone).as("fixture: an inactive patient aged 75+").anyMatch(p -> !p.active());
		assertThat(gone).as("fixture: a deceased one, deceasedDateTime").anyMatch(p -> "dateTime".equals(p.deceasedRecordedAs()));
		assertThat(gone).as("fixture: a deceased one, deceasedBoolean").anyMatch(p -> "boolean".equals(p.deceasedRecordedAs()));

		assertThat(listAtEveryPractice("").keySet()).doesNotContainAnyElementsOf(ids(gone));
		assertThat(list("").keySet()).as("the list of all practices").doesNotContainAnyElementsOf(ids(gone));
	}

	@Test
	void keepsPatientsWhoseA05EpisodeIsResolved() {
		List<Population.Patient> resolved = candidates(p -> p.episodes().stream()
				.anyMatch(e -> "A05".equals(e.code()) && "resolved".equals(e.clinicalStatus())));
		assertThat(resolved).as("fixture: resolved A05").isNotEmpty();

		assertThat(listAtEveryPractice("").keySet()).containsAll(ids(resolved));
	}

	@Test
	void findsThePracticeOfPatientsListedThroughTheGpsRoleOrThePractitioner() {
		List<Population.Patient> viaRole = candidates(p -> "role".equals(p.listedVia()));
		List<Population.Patient> viaPractitioner = candidates(p -> "practitioner".equals(p.listedVia()));
		assertThat(viaRole).as("fixture: listed through the GP's PractitionerRole").isNotEmpty();
		assertThat(viaPractitioner).as("fixture: listed through the GP's Practitioner").isNotEmpty();

		for (String practice : population.practices()) {
			Map<String, Row> listed = list("practice=" + practice);
			assertThat(listed.keySet()).containsAll(viaRole.stream().filter(p -> p.practice().equals(practice))
					.map(Population.Patient::id).toList())
					.containsAll(viaPractitioner.stream().filter(p -> p.practice().equals(practice))
							.map(Population.Patient::id).toList());
		}
	}

	@Test
	void countsActivePrescriptionsAsMedication_butNotStoppedOnes() {
		List<Population.Patient> prescribed = candidates(p -> p.activeMedicationRequests() > 0);
		List<Population.Patient> reachFiveByPrescriptions = candidates(
				p -> p.activeMedications() < 5 && p.activeMedicines() >= 5);
		List<Population.Patient> stopped = candidates(p -> p.stoppedMedicationRequests() > 0);
		assertThat(prescribed).as("fixture: active MedicationRequests").isNotEmpty();
		assertThat(reachFiveByPrescriptions).as("fixture: five only with the prescriptions").isNotEmpty();
		assertThat(stopped).as("fixture: a stopped MedicationRequest").isNotEmpty();

		Map<String, Row> listed = listAtEveryPractice("");
		for (Population.Patient patient : prescribed) {
			assertThat(listed.get(patient.id()).activeMedications()).as(patient.id()).isEqualTo(patient.activeMedicines());
		}
		for (Population.Patient patient : stopped) {
			assertThat(listed.get(patient.id()).activeMedications()).as(patient.id()).isEqualTo(patient.activeMedicines());
		}
		assertThat(listAtEveryPractice("&minMedications=5").keySet()).containsAll(ids(reachFiveByPrescriptions));
	}

	@Test
	void countsOnlyEncountersThatTookPlace_asContact_notPlannedCancelledOrEnteredInError() {
		Map<String, Row> listed = listAtEveryPractice("");
		for (String status : List.of("planned", "cancelled", "entered-in-error")) {
			List<Population.Patient> cases = candidates(p -> p.nonContacts().stream().anyMatch(n -> status.equals(n.status())
					&& (p.lastContact() == null || n.date().isAfter(p.lastContact()))));
			assertThat(cases).as("fixture: a %s encounter after the last contact", status).isNotEmpty();
			for (Population.Patient patient : cases) {
				assertThat(listed.get(patient.id()).lastContact()).as("%s: %s", status, patient.id())
						.isEqualTo(patient.lastContact());
			}
		}
	}

	@Test
	void countsAPatientSeenOnlyInAMeeting_asNotSeen() {
		LocalDate seenAfter = population.referenceDate().minusMonths(12);
		List<Population.Patient> meetingOnly = candidates(p -> (p.lastContact() == null || !p.lastContact().isAfter(seenAfter))
				&& p.meetings().stream().anyMatch(m -> "finished".equals(m.status()) && m.date().isAfter(seenAfter)
						&& !m.date().isAfter(population.referenceDate())));
		assertThat(meetingOnly).as("fixture: seen lately only in a meeting").isNotEmpty();

		Map<String, Row> notSeen = listAtEveryPractice("&notSeenMonths=12");
		assertThat(notSeen.keySet()).containsAll(ids(meetingOnly));
		meetingOnly.forEach(p -> assertThat(notSeen.get(p.id()).lastContact()).as(p.id()).isEqualTo(p.lastContact()));
	}

	@Test
	void aMeetingIsNoContact_theLastOrdinaryConsultIs() {
		String practice = "screening-" + Fixtures.uniqueFamily().toLowerCase();
		fhir().body(Fhir.json(new Organization().setName("Praktijk").setId(practice))).put("/Organization/" + practice)
				.then().statusCode(201);
		Patient anna = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
		anna.addGeneralPractitioner(new Reference("Organization/" + practice));
		String patient = "Patient/" + created(anna);
		LocalDate today = Fixtures.today();
		created(Fixtures.encounter(patient, today.minusMonths(4))); // her last visit to the practice
		Encounter meeting = Examples.about("Encounter-kernteam-overleg", patient); // discussed last week, without her
		meeting.getTypeFirstRep().getCodingFirstRep().setCode("so-consult").setDisplay(null);
		meeting.setStatus(Encounter.EncounterStatus.FINISHED).setPeriod(new Period().setStart(Fixtures.date(today.minusDays(7))));
		meeting.getReasonReference().clear();
		meeting.getParticipant().clear();
		meeting.setServiceProvider(new Reference("Organization/" + practice));
		created(meeting);

		Map<String, Row> notSeenForThreeMonths = rows(page("/Patient/$screening-list?practice=" + practice + "&date=" + today
				+ "&notSeenMonths=3"));

		assertThat(notSeenForThreeMonths).containsOnlyKeys(patient);
		assertThat(notSeenForThreeMonths.get(patient).lastContact()).isEqualTo(today.minusMonths(4));
	}

	private static String created(Resource resource) {
		return fhir().body(Fhir.json(resource)).post("/" + resource.fhirType()).then().statusCode(201).extract()
				.jsonPath().getString("id");
	}

	@Test
	void pagesThroughTheList_oldestFirst_withTotalNextAndPreviousLinks() {
		String practice = population.practices().get(1);
		int expected = expected(practice, p -> true).size();
		Bundle page = page("/Patient/$screening-list?practice=" + practice + "&date=" + population.referenceDate()
				+ "&_count=7");
		assertThat(page.getTotal()).isEqualTo(expected);
		List<String> seen = new ArrayList<>();
		List<java.util.Date> birthDates = new ArrayList<>();
		int pages = 0;
		while (true) {
			pages++;
			assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(7);
			page.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
			page.getEntry().forEach(e -> birthDates.add(((org.hl7.fhir.r4.model.Patient) e.getResource()).getBirthDate()));
			if (pages == 1) {
				assertThat(page.getLink("previous")).isNull();
			} else {
				assertThat(page.getLink("previous").getUrl()).contains("_offset=" + (pages - 2) * 7).contains("_count=7");
			}
			if (page.getLink("next") == null) {
				break;
			}
			String next = page.getLink("next").getUrl();
			page = page(next.substring(next.indexOf("/fhir") + "/fhir".length()));
		}
		assertThat(pages).isEqualTo((expected + 6) / 7);
		assertThat(seen).doesNotHaveDuplicates().hasSize(expected);
		assertThat(birthDates).as("oldest first").isSorted();
	}

	@Test
	void withoutCount_showsFiftyAtATime_andRefusesPagesOfMoreThanAThousand() {
		int expected = population.practices().stream().mapToInt(practice -> expected(practice, p -> true).size()).sum();
		assertThat(expected).as("fixture: more than one default page").isGreaterThan(50);
		Bundle first = page("/Patient/$screening-list?date=" + population.referenceDate());
		assertThat(first.getTotal()).isGreaterThanOrEqualTo(expected);
		assertThat(first.getEntry()).hasSize(50);
		assertThat(first.getLink("next").getUrl()).contains("_count=50").contains("_offset=50");

		fhir().get("/Patient/$screening-list?_count=1001").then().statusCode(400)
				.body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("between 1 and 1000"));
	}

	@Test
	void givesTheWholeListAsCsv_forASpreadsheet() {
		String practice = population.practices().get(0);
		Map<String, Row> expected = expected(practice, p -> true);
		String csv = fhir().accept("text/csv").get("/Patient/$screening-list?_format=csv&practice=" + practice
				+ "&date=" + population.referenceDate()).then().statusCode(200)
				.contentType("text/csv;charset=UTF-8").extract().asString();
		List<String> lines = csv.lines().toList();
		assertThat(lines.get(0)).isEqualTo("name,birthDate,age,bsn,activeMedications,lastContact,patient");
		Map<String, Row> rows = new HashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] cells = line.split(",", -1);
			assertThat(cells).hasSize(7);
			assertThat(cells[0]).isNotBlank();
			assertThat(elevenCheck(cells[3])).as("BSN %s", cells[3]).isTrue();
			rows.put(cells[6], new Row(Integer.parseInt(cells[2]), Integer.parseInt(cells[4]),
					cells[5].isEmpty() ? null : LocalDate.parse(cells[5])));
		}
		assertThat(rows).isEqualTo(expected);
	}

	@Test
	void refusesParametersItCannotUse_withAnOperationOutcome() {
		fhir().get("/Patient/$screening-list?minAge=-3").then().statusCode(400)
				.body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("minAge"));
		fhir().get("/Patient/$screening-list?date=2026-11").then().statusCode(400)
				.body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("date"));
		fhir().get("/Patient/$screening-list?_count=0").then().statusCode(400)
				.body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("_count"));
	}

	private Map<String, Row> expected(String practice, Predicate<Population.Patient> filter) {
		return population.at(practice).stream()
				.filter(ScreeningListIT::wouldBeScreened)
				.filter(filter)
				.collect(Collectors.toMap(Population.Patient::id,
						p -> new Row(p.age(), p.activeMedicines(), p.lastContact())));
	}

	/** On the default list: still listed, aged 75+, no active A05 episode. */
	private static boolean wouldBeScreened(Population.Patient patient) {
		return patient.isListed() && patient.age() >= 75 && !patient.hasA05();
	}

	/** The patients of the population on the default list that also match {@code filter}. */
	private List<Population.Patient> candidates(Predicate<Population.Patient> filter) {
		return population.patients().stream().filter(ScreeningListIT::wouldBeScreened).filter(filter).toList();
	}

	private static List<String> ids(List<Population.Patient> patients) {
		return patients.stream().map(Population.Patient::id).toList();
	}

	/** The list of each generated practice, together. */
	private Map<String, Row> listAtEveryPractice(String query) {
		Map<String, Row> rows = new HashMap<>();
		population.practices().forEach(practice -> rows.putAll(list("practice=" + practice + query)));
		return rows;
	}

	/** Every page of the list: other tests add patients to the database, so the list of all practices grows. */
	private Map<String, Row> list(String query) {
		Bundle bundle = page("/Patient/$screening-list?" + (query.isEmpty() ? "" : query + "&") + "date="
				+ population.referenceDate() + "&_count=1000");
		int total = bundle.getTotal();
		Map<String, Row> rows = rows(bundle);
		while (bundle.getLink("next") != null) {
			bundle = Fhir.parse(Bundle.class, fhir().urlEncodingEnabled(false).get(bundle.getLink("next").getUrl()).then()
					.statusCode(200).extract().response());
			rows.putAll(rows(bundle));
		}
		assertThat(rows).hasSize(total);
		return rows;
	}

	private static Map<String, Row> rows(Bundle bundle) {
		Map<String, Row> rows = new HashMap<>();
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Extension reason = entry.getExtensionByUrl("https://zorgpad.nl/fhir/StructureDefinition/zp-screening-reason");
			Extension last = reason.getExtensionByUrl("lastContact");
			rows.put("Patient/" + entry.getResource().getIdElement().getIdPart(), new Row(
					((IntegerType) reason.getExtensionByUrl("age").getValue()).getValue(),
					((IntegerType) reason.getExtensionByUrl("activeMedications").getValue()).getValue(),
					last == null ? null : LocalDate.parse(((DateType) last.getValue()).getValueAsString())));
		}
		return rows;
	}

	private Bundle page(String path) {
		return Fhir.parse(Bundle.class, fhir().get(path).then().statusCode(200).extract().response());
	}

	private static boolean elevenCheck(String bsn) {
		if (!bsn.matches("\\d{9}")) {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < 8; i++) {
			sum += (9 - i) * (bsn.charAt(i) - '0');
		}
		return (sum - (bsn.charAt(8) - '0')) % 11 == 0;
	}
}
