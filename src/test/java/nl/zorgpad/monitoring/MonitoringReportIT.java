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
			Map<String, Long> expected = expected(practice);
			assertThat(expected.get("complex-kwetsbaar")).as("fixture").isPositive();
			assertThat(expected.get("mdos-held")).as("fixture").isPositive();

			JsonPath report = fhir().get("/$monitoring-report?date=" + date + "&practice=" + practice)
					.then().statusCode(200).extract().jsonPath();
			assertThat(report.getString("resourceType")).isEqualTo("Parameters");
			assertThat(report.getString("parameter.find { it.name == 'period' }.valuePeriod.start"))
					.isEqualTo(date.plusDays(1).minusMonths(6).toString());
			String row = "parameter.find { it.name == 'practice' && it.part.find { p -> p.name == 'organization' }"
					+ ".valueReference.reference == 'Organization/" + practice + "' }";
			expected.forEach((measure, count) -> assertThat(report.getLong(
					row + ".part.find { it.name == '" + measure + "' }.valueInteger")).as(measure).isEqualTo(count));
			double share = Math.round(expected.get("listed75PlusOnJanuary1") * 1000.0 / expected.get("listedPatients")) / 10.0;
			assertThat(report.getDouble(row + ".part.find { it.name == 'share75PlusPercent' }.valueDecimal"))
					.isEqualTo(share);
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
			expected(practice).forEach((measure, count) ->
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

	private Map<String, Long> expected(String practice) {
		List<Population.Patient> patients = population.at(practice);
		LocalDate born75 = LocalDate.of(date.getYear(), 1, 1).minusYears(75);
		LocalDate periodStart = date.plusDays(1).minusMonths(6);
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("listedPatients", (long) patients.size());
		counts.put("listed75PlusOnJanuary1", patients.stream().filter(p -> !p.birthDate().isAfter(born75)).count());
		counts.put("a49-01", patients.stream().filter(p -> "mogelijk-kwetsbaar".equals(p.frailtyStatus())).count());
		counts.put("a05", patients.stream().filter(Population.Patient::hasA05).count());
		counts.put("kwetsbaar", patients.stream().filter(p -> "kwetsbaar".equals(p.frailtyStatus())).count());
		counts.put("complex-kwetsbaar", patients.stream().filter(p -> "complex-kwetsbaar".equals(p.frailtyStatus())).count());
		counts.put("a20", patients.stream().filter(p -> p.acp() != null).count());
		counts.put("mdos-held", patients.stream().flatMap(p -> p.meetings().stream())
				.filter(m -> heldInPeriod(m, periodStart)).count());
		counts.put("patients-with-mdo", patients.stream()
				.filter(p -> p.meetings().stream().anyMatch(m -> heldInPeriod(m, periodStart))).count());
		counts.put("patients-with-care-plan", patients.stream().filter(Population.Patient::hasCarePlan).count());
		return counts;
	}

	private boolean heldInPeriod(Population.Meeting meeting, LocalDate periodStart) {
		return Set.of("breed-mdo", "mdo-gzsp").contains(meeting.type()) && "finished".equals(meeting.status())
				&& !meeting.date().isBefore(periodStart) && !meeting.date().isAfter(date);
	}
}
