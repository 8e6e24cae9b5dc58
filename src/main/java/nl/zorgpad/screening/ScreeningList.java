package nl.zorgpad.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.zorgpad.server.PopulationList;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;

/**
 * The screening list of one request: a row per candidate; an entry is the Patient with extension
 * {@code zp-screening-reason} (age, active medications, last contact); a CSV line adds name and BSN. The whole
 * list reads the population-wide medication and contact totals once, for the filters and the columns; a page
 * reads its own columns.
 */
final class ScreeningList implements PopulationList<ScreeningPopulation.Candidate> {
	static final String REASON = "https://zorgpad.nl/fhir/StructureDefinition/zp-screening-reason";
	private static final String BSN = "http://fhir.nl/fhir/NamingSystem/bsn";
	private static final ObjectMapper JSON = new ObjectMapper();

	private final ScreeningPopulation population;
	private final ScreeningCriteria criteria;
	private ScreeningPopulation.Totals totals;

	ScreeningList(ScreeningPopulation population, ScreeningCriteria criteria) {
		this.population = population;
		this.criteria = criteria;
	}

	@Override
	public List<ScreeningPopulation.Candidate> rows(boolean whole) {
		totals = whole ? population.totals(criteria.date()) : null;
		return population.candidates(criteria, totals);
	}

	@Override
	public String patient(ScreeningPopulation.Candidate row) {
		return row.id();
	}

	@Override
	public String resource(ScreeningPopulation.Candidate row) {
		return "Patient/" + row.id();
	}

	@Override
	public List<Extension> details(List<ScreeningPopulation.Candidate> rows) {
		Map<Long, ScreeningPopulation.Columns> columns = population.columns(
				rows.stream().map(ScreeningPopulation.Candidate::pid).toList(), criteria.date());
		List<Extension> details = new ArrayList<>();
		for (ScreeningPopulation.Candidate row : rows) {
			ScreeningPopulation.Columns these = columns.getOrDefault(row.pid(), new ScreeningPopulation.Columns(0, null));
			Extension reason = new Extension(REASON);
			reason.addExtension("age", new IntegerType(ScreeningCriteria.age(row.birthDate(), criteria.date())));
			reason.addExtension("activeMedications", new IntegerType(these.activeMedications()));
			if (these.lastContact() != null) {
				reason.addExtension("lastContact", new DateType(these.lastContact().toString()));
			}
			details.add(reason);
		}
		return details;
	}

	@Override
	public String fileName() {
		return "screening-list-" + criteria.date() + ".csv";
	}

	@Override
	public List<String> header() {
		return List.of("name", "birthDate", "age", "bsn", "activeMedications", "lastContact", "patient");
	}

	@Override
	public List<List<String>> lines(List<ScreeningPopulation.Candidate> rows) {
		Map<Long, String> texts = population.texts(rows.stream().map(ScreeningPopulation.Candidate::pid).toList());
		List<List<String>> lines = new ArrayList<>();
		for (ScreeningPopulation.Candidate row : rows) {
			JsonNode patient = read(texts.get(row.pid()));
			LocalDate last = totals.lastContacts().get(row.pid());
			lines.add(List.of(name(patient), row.birthDate().toString(),
					Integer.toString(ScreeningCriteria.age(row.birthDate(), criteria.date())), bsn(patient),
					Integer.toString(totals.medications().getOrDefault(row.pid(), 0)),
					last == null ? "" : last.toString(), "Patient/" + row.id()));
		}
		return lines;
	}

	private static JsonNode read(String text) {
		try {
			return text == null ? JSON.createObjectNode() : JSON.readTree(text);
		} catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
			throw new IllegalStateException("stored Patient is not JSON", unreadable);
		}
	}

	private static String name(JsonNode patient) {
		JsonNode name = patient.path("name").path(0);
		if (name.hasNonNull("text")) {
			return name.get("text").asText();
		}
		StringBuilder full = new StringBuilder();
		name.path("given").forEach(given -> full.append(given.asText()).append(' '));
		return full.append(name.path("family").asText("")).toString().trim();
	}

	private static String bsn(JsonNode patient) {
		for (JsonNode identifier : patient.path("identifier")) {
			if (BSN.equals(identifier.path("system").asText())) {
				return identifier.path("value").asText("");
			}
		}
		return "";
	}
}
