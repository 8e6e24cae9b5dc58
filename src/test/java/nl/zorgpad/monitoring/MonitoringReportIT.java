package nl.zorgpad.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.Population;
import nl.zorgpad.support.ServerTest;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The care group pulls the twice-yearly monitoring extract; the generator's manifest holds the answers. */
class MonitoringReportIT extends ServerTest {
	private Population population;
	private LocalDate date;

	@BeforeEach
	void aGeneratedPopulation() {
		population = Population.on(port);
		date = population.referenceDate();
	}

	@Test
	void countsEpisodes_mdos_carePlans_andTheShareOf75Plus_perPractice() {
		for (String practice : population.practices()) {
			Map<String, Long> expected = expected(practice, date);
			assertThat(expected.get("complex-kwetsbaar")).as("fixture").isPositive();
			assertThat(expected.get("mdos-held")).as("fixture").isPositive();

			assertReport(practice, date, expected);
		}
	}

	@Test
	void reportsAPastHalfYear_withTheEpisodesStatusesAndMdosOfThatDate() {
		LocalDate past = date.minusMonths(6);
		assertThat(population.patients()).as("fixture: a patient whose frailty status then differs from today's")
				.anyMatch(p -> !java.util.Objects.equals(p.statusOn(past), p.statusOn(date)));
		assertThat(population.patients()).as("fixture: an episode that started after the date")
				.anyMatch(p -> p.hasActiveEpisode("A05", date) && !p.hasActiveEpisode("A05", past));
		assertThat(population.practices().stream().mapToLong(practice -> expected(practice, past).get("mdos-held")).sum())
				.as("fixture: MDOs in the half year up to the date").isPositive();
		for (String practice : population.practices()) {
			Map<String, Long> expected = expected(practice, past);
			assertThat(expected).as("fixture: the answer then differs from today's").isNotEqualTo(expected(practice, date));

			assertReport(practice, past, expected);
		}
	}

	@Test
	void leavesInactiveAndDeceasedPatientsOffTheList_andFindsPatientsListedThroughTheGpsRoleOrPractitioner() {
		for (String practice : population.practices()) {
			List<Population.Patient> patients = population.at(practice);
			assertThat(patients).as("fixture: inactive or deceased").anyMatch(p -> !p.isListed());
			assertThat(patients).as("fixture: listed through the GP's role").anyMatch(p -> "role".equals(p.listedVia()));
			assertThat(patients).as("fixture: listed through the GP").anyMatch(p -> "practitioner".equals(p.listedVia()));

			JsonPath report = fhir().get("/$monitoring-report?date=" + date + "&practice=" + practice)
					.then().statusCode(200).extract().jsonPath();
			assertThat(report.getLong(row(practice) + ".part.find { it.name == 'listedPatients' }.valueInteger"))
					.isEqualTo(patients.stream().filter(Population.Patient::isListed).count());
		}
	}

	@Test
	void countsAnEpisodeOnlyWhileItIsActive_notOnceResolvedOrEnteredInError_andTheStatusOfTheLatestOne() {
		List<Population.Patient> patients = population.patients();
		assertThat(patients).as("fixture: a resolved A05").anyMatch(p -> p.episodes().stream()
				.anyMatch(e -> "A05".equals(e.code()) && "resolved".equals(e.clinicalStatus())));
		assertThat(patients).as("fixture: an A49.01 entered in error, alone").anyMatch(p -> p.frailtyStatus() == null
				&& p.episodes().stream().anyMatch(e -> "A49.01".equals(e.code()) && e.isEnteredInError()));
		assertThat(patients).as("fixture: an A20 entered in error, alone").anyMatch(p -> p.acp() == null
				&& p.episodes().stream().anyMatch(e -> "A20".equals(e.code()) && e.isEnteredInError()));
		assertThat(patients).as("fixture: a later A05 entered in error of a complex frail patient")
				.anyMatch(p -> "complex-kwetsbaar".equals(p.frailtyStatus())
						&& p.episodes().stream().anyMatch(e -> "A05".equals(e.code()) && e.isEnteredInError()));
		assertThat(patients).as("fixture: status history, the signalled A49.01 still active beside the A05")
				.anyMatch(p -> p.hasActiveEpisode("A49.01", date) && p.hasA05());

		Map<String, Long> total = new LinkedHashMap<>();
		population.practices().forEach(practice -> expected(practice, date).forEach((k, v) -> total.merge(k, v, Long::sum)));
		Map<String, Long> reported = new LinkedHashMap<>();
		for (String practice : population.practices()) {
			JsonPath report = fhir().get("/$monitoring-report?date=" + date + "&practice=" + practice)
					.then().statusCode(200).extract().jsonPath();
			for (String measure : List.of("a49-01", "a05", "kwetsbaar", "complex-kwetsbaar", "a20")) {
				reported.merge(measure, report.getLong(row(practice) + ".part.find { it.name == '" + measure
						+ "' }.valueInteger"), Long::sum);
			}
		}
		for (String measure : reported.keySet()) {
			assertThat(reported.get(measure)).as(measure).isEqualTo(total.get(measure));
		}
	}

	@Test
	void aPatientNamingHerGpAsPractitioner_isCountedAtTheOrganizationOfHisRole() {
		String practice = "report-" + Fixtures.uniqueFamily().toLowerCase();
		put(new Organization().setName("Praktijk"), practice);
		put(new Practitioner().addName(new HumanName().setFamily("De Boer")), practice + "-gp");
		PractitionerRole role = new PractitionerRole().setPractitioner(new Reference("Practitioner/" + practice + "-gp"))
				.setOrganization(new Reference("Organization/" + practice));
		put(role, practice + "-gp-role");
		Patient anna = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
		anna.addGeneralPractitioner(new Reference("Practitioner/" + practice + "-gp"));
		fhir().body(Fhir.json(anna)).post("/Patient").then().statusCode(201);

		JsonPath report = fhir().get("/$monitoring-report?date=" + Fixtures.today() + "&practice=" + practice)
				.then().statusCode(200).extract().jsonPath();

		String row = "parameter.find { it.name == 'practice' && it.part.find { p -> p.name == 'organization' }"
				+ ".valueReference.reference == 'Organization/" + practice + "' }";
		assertThat(report.getLong(row + ".part.find { it.name == 'listedPatients' }.valueInteger")).isEqualTo(1);
		assertThat(report.getLong(row + ".part.find { it.name == 'listed75PlusOnJanuary1' }.valueInteger")).isEqualTo(1);
	}

	private static void put(Resource resource, String id) {
		resource.setId(id);
		fhir().body(Fhir.json(resource)).put("/" + resource.fhirType() + "/" + id).then().statusCode(201);
	}

	@Test
	void givesOneCsvRowPerPractice_andATotal() {
		String csv = fhir().accept("text/csv").get("/$monitoring-report?_format=csv&date=" + date)
				.then().statusCode(200).extract().asString();
		List<String> lines = csv.lines().toList();
		List<String> header = List.of(lines.get(0).split(","));
		assertThat(header).startsWith("practice", "name", "periodStart", "periodEnd", "listedPatients");
		assertThat(lines.get(lines.size() - 1)).startsWith("total,");
		for (String practice : population.practices()) {
			String line = lines.stream().filter(l -> l.startsWith(practice + ",")).findFirst().orElseThrow();
			List<String> cells = List.of(line.split(",", -1));
			expected(practice, date).forEach((measure, count) ->
					assertThat(Long.parseLong(cells.get(header.indexOf(measure)))).as(measure).isEqualTo(count));
		}
		List<String> total = List.of(lines.get(lines.size() - 1).split(",", -1));
		long sum = lines.subList(1, lines.size() - 1).stream()
				.mapToLong(l -> Long.parseLong(l.split(",", -1)[header.indexOf("a05")])).sum();
		assertThat(Long.parseLong(total.get(header.indexOf("a05")))).isEqualTo(sum);
	}

	@Test
	void givesTheSameReportAsDutchExcelOpensIt_semicolonsByteOrderMarkAndDecimalCommas() {
		byte[] body = fhir().accept("text/csv").get("/$monitoring-report?_format=csv-nl&date=" + date)
				.then().statusCode(200).extract().asByteArray();
		String csv = new String(body, java.nio.charset.StandardCharsets.UTF_8);
		String comma = fhir().accept("text/csv").get("/$monitoring-report?_format=csv&date=" + date).asString();

		assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
		List<String> header = List.of(csv.substring(1).lines().findFirst().orElseThrow().split(";"));
		assertThat(header).startsWith("practice", "name", "periodStart", "periodEnd", "listedPatients");
		String share = comma.lines().skip(1).findFirst().orElseThrow().split(",", -1)[header.indexOf("share75PlusPercent")];
		assertThat(csv.lines().skip(1).findFirst().orElseThrow().split(";", -1)[header.indexOf("share75PlusPercent")])
				.isEqualTo(share.replace('.', ','));
	}

	@Test
	void refusesParametersItCannotUse_withAnOperationOutcome() {
		fhir().get("/$monitoring-report?date=2026-06").then().statusCode(400)
				.body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("date"));
		fhir().get("/$monitoring-report?practice=Patient/1").then().statusCode(400)
				.body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("practice"));
	}

	/** Every measure of one practice's row, compared with {@code expected}, and the 75+ share. */
	private void assertReport(String practice, LocalDate day, Map<String, Long> expected) {
		JsonPath report = fhir().get("/$monitoring-report?date=" + day + "&practice=" + practice)
				.then().statusCode(200).extract().jsonPath();
		assertThat(report.getString("resourceType")).isEqualTo("Parameters");
		assertThat(report.getString("parameter.find { it.name == 'period' }.valuePeriod.start"))
				.isEqualTo(day.plusDays(1).minusMonths(6).toString());
		expected.forEach((measure, count) -> assertThat(report.getLong(
				row(practice) + ".part.find { it.name == '" + measure + "' }.valueInteger")).as(measure).isEqualTo(count));
		double share = Math.round(expected.get("listed75PlusOnJanuary1") * 1000.0 / expected.get("listedPatients")) / 10.0;
		assertThat(report.getDouble(row(practice) + ".part.find { it.name == 'share75PlusPercent' }.valueDecimal"))
				.isEqualTo(share);
	}

	private static String row(String practice) {
		return "parameter.find { it.name == 'practice' && it.part.find { p -> p.name == 'organization' }"
				+ ".valueReference.reference == 'Organization/" + practice + "' }";
	}

	/**
	 * The row of one practice on {@code day}, from the manifest: the patients still listed; episodes active now that
	 * had started by the day (A20: any not entered in error); the frailty status of the latest active episode
	 * recorded by the day; MDOs in the half year up to it; active Gezondheidsplannen (the current status).
	 */
	private Map<String, Long> expected(String practice, LocalDate day) {
		List<Population.Patient> patients = population.at(practice);
		List<Population.Patient> listed = patients.stream().filter(Population.Patient::isListed).toList();
		LocalDate born75 = LocalDate.of(day.getYear(), 1, 1).minusYears(75);
		LocalDate periodStart = day.plusDays(1).minusMonths(6);
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("listedPatients", (long) listed.size());
		counts.put("listed75PlusOnJanuary1", listed.stream().filter(p -> !p.birthDate().isAfter(born75)).count());
		counts.put("a49-01", patients.stream().filter(p -> p.hasActiveEpisode("A49.01", day)).count());
		counts.put("a05", patients.stream().filter(p -> p.hasActiveEpisode("A05", day)).count());
		counts.put("kwetsbaar", patients.stream().filter(p -> "kwetsbaar".equals(p.statusOn(day))).count());
		counts.put("complex-kwetsbaar", patients.stream().filter(p -> "complex-kwetsbaar".equals(p.statusOn(day))).count());
		counts.put("a20", patients.stream().filter(p -> p.episodes().stream().anyMatch(e -> "A20".equals(e.code())
				&& !e.isEnteredInError() && !e.day().isAfter(day))).count());
		counts.put("mdos-held", patients.stream().flatMap(p -> p.meetings().stream())
				.filter(m -> heldInPeriod(m, periodStart, day)).count());
		counts.put("patients-with-mdo", patients.stream()
				.filter(p -> p.meetings().stream().anyMatch(m -> heldInPeriod(m, periodStart, day))).count());
		counts.put("patients-with-care-plan", patients.stream().filter(Population.Patient::hasCarePlan).count());
		return counts;
	}

	private static boolean heldInPeriod(Population.Meeting meeting, LocalDate periodStart, LocalDate day) {
		return Set.of("breed-mdo", "mdo-gzsp").contains(meeting.type()) && "finished".equals(meeting.status())
				&& !meeting.date().isBefore(periodStart) && !meeting.date().isAfter(day);
	}
}
