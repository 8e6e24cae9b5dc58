package nl.zorgpad.screening;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.Csv;
import nl.zorgpad.server.OperationResponses;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/Patient/$screening-list} (SPEC §6): the patients for targeted case finding, oldest
 * first, as a paged searchset Bundle whose entries carry the reason columns (extension
 * {@code zp-screening-reason}: age, active medications, last contact) — or, with {@code _format=csv},
 * the whole list as a spreadsheet, streamed.
 */
final class ScreeningListOperation {
	static final String REASON = "https://zorgpad.nl/fhir/StructureDefinition/zp-screening-reason";
	private static final String BSN = "http://fhir.nl/fhir/NamingSystem/bsn";

	private final ScreeningPopulation query;
	private final ResourceStore store;
	private final Clock clock;
	private final ObjectMapper json = new ObjectMapper();

	ScreeningListOperation(ScreeningPopulation query, ResourceStore store, Clock clock) {
		this.clock = clock;
		this.query = query;
		this.store = store;
	}

	@Operation(name = "$screening-list", typeName = "Patient", idempotent = true, manualResponse = true)
	public void screeningList(
			@OperationParam(name = "minAge") IntegerType minAge,
			@OperationParam(name = "date") DateType date,
			@OperationParam(name = "minMedications") IntegerType minMedications,
			@OperationParam(name = "notSeenMonths") IntegerType notSeenMonths,
			@OperationParam(name = "practice") StringType practice,
			@OperationParam(name = "_count") IntegerType count,
			@OperationParam(name = "_offset") IntegerType offset,
			ServletRequestDetails request,
			HttpServletResponse response) throws IOException {
		ScreeningCriteria criteria = criteria(minAge, date, minMedications, notSeenMonths, practice);
		java.util.Optional<Csv.Dialect> spreadsheet = OperationResponses.spreadsheet(request);
		if (spreadsheet.isPresent()) {
			// the whole list: population-wide aggregates, read once for the filters and the columns
			ScreeningPopulation.Totals totals = query.totals(criteria.date());
			List<ScreeningPopulation.Candidate> all = query.candidates(criteria, totals);
			OperationResponses.shown(request, all.stream().map(candidate -> "Patient/" + candidate.id()).toList());
			writeCsv(criteria, all, totals, spreadsheet.get(), response);
			return;
		}
		List<ScreeningPopulation.Candidate> candidates = query.candidates(criteria, null);
		OperationResponses.Page page = OperationResponses.page(count, offset, candidates.size());
		List<ScreeningPopulation.Candidate> shown = candidates.subList(page.from(), page.to());
		OperationResponses.shown(request, shown.stream().map(candidate -> "Patient/" + candidate.id()).toList());
		Bundle bundle = OperationResponses.searchset(request, page, candidates.size());
		List<Long> pids = shown.stream().map(ScreeningPopulation.Candidate::pid).toList();
		Map<Long, ScreeningPopulation.Columns> columns = query.columns(pids, criteria.date());
		Map<String, Patient> patients = store.byIds(Patient.class, shown.stream().map(ScreeningPopulation.Candidate::id).toList())
				.stream().collect(Collectors.toMap(p -> p.getIdElement().getIdPart(), Function.identity()));
		for (ScreeningPopulation.Candidate candidate : shown) {
			Patient patient = patients.get(candidate.id());
			if (patient == null) {
				continue; // deleted between the two queries
			}
			Bundle.BundleEntryComponent entry = bundle.addEntry()
					.setFullUrl(request.getFhirServerBase() + "/Patient/" + candidate.id())
					.setResource(patient);
			entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
			Extension reason = entry.addExtension().setUrl(REASON);
			reason.addExtension("age", new IntegerType(ScreeningCriteria.age(candidate.birthDate(), criteria.date())));
			ScreeningPopulation.Columns these = columns.getOrDefault(candidate.pid(), new ScreeningPopulation.Columns(0, null));
			reason.addExtension("activeMedications", new IntegerType(these.activeMedications()));
			LocalDate last = these.lastContact();
			if (last != null) {
				reason.addExtension("lastContact", new DateType(last.toString()));
			}
		}
		OperationResponses.write(request, bundle);
	}

	private ScreeningCriteria criteria(IntegerType minAge, DateType date, IntegerType minMedications,
			IntegerType notSeenMonths, StringType practice) {
		try {
			return new ScreeningCriteria(
					minAge == null ? ScreeningCriteria.DEFAULT_MIN_AGE : minAge.getValue(),
					OperationResponses.day(date, clock),
					minMedications == null ? null : minMedications.getValue(),
					notSeenMonths == null ? null : notSeenMonths.getValue(),
					OperationResponses.organizationId(practice));
		} catch (IllegalArgumentException invalid) {
			throw new InvalidRequestException(invalid.getMessage());
		}
	}

	/** Header row, then one patient per line, fetched and written a chunk at a time. */
	private void writeCsv(ScreeningCriteria criteria, List<ScreeningPopulation.Candidate> candidates,
			ScreeningPopulation.Totals totals, Csv.Dialect dialect, HttpServletResponse response) throws IOException {
		try (Csv out = OperationResponses.csv(response, dialect, "screening-list-" + criteria.date() + ".csv")) {
			out.row("name", "birthDate", "age", "bsn", "activeMedications", "lastContact", "patient");
			Map<Long, Integer> medications = totals.medications();
			Map<Long, LocalDate> contacts = totals.lastContacts();
			for (List<ScreeningPopulation.Candidate> chunk : ResourceStore.chunks(candidates)) {
				Map<Long, String> texts = query.texts(chunk.stream().map(ScreeningPopulation.Candidate::pid).toList());
				for (ScreeningPopulation.Candidate candidate : chunk) {
					String text = texts.get(candidate.pid());
					JsonNode patient = text == null ? json.createObjectNode() : json.readTree(text);
					LocalDate last = contacts.get(candidate.pid());
					out.row(name(patient), candidate.birthDate().toString(),
							Integer.toString(ScreeningCriteria.age(candidate.birthDate(), criteria.date())),
							bsn(patient), Integer.toString(medications.getOrDefault(candidate.pid(), 0)),
							last == null ? "" : last.toString(), "Patient/" + candidate.id());
				}
			}
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
