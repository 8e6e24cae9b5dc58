package nl.zorgpad.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.rules.Programme;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * How the population operations ({@code $screening-list}, {@code $worklist}, {@code $monitoring-report}) answer:
 * a list as a page of a searchset Bundle ({@code _count}/{@code _offset}, self/next/previous links, the rows'
 * resources loaded in one read per type) or as the whole list in CSV ({@code _format=csv}, or {@code csv-nl} for
 * Excel with Dutch settings); a report as its FHIR resource or its CSV. FHIR answers are written by HAPI's own
 * response writer (content negotiation, {@code _pretty}, {@code _summary}). The operations themselves only parse
 * their parameters and define their rows.
 */
public final class PopulationAnswers {
	/** Request user data: the patients an answer showed (written by hand, not by HAPI), for the audit trail. */
	public static final String PATIENTS_SHOWN = PopulationAnswers.class.getName() + ".patientsShown";

	private final ResourceStore store;
	private final FhirContext context;
	private final Clock clock;
	private final int pageSize;
	private final int maxPageSize;

	public PopulationAnswers(ResourceStore store, FhirContext context, Clock clock, FhirServerProperties properties) {
		this.store = store;
		this.context = context;
		this.clock = clock;
		this.pageSize = properties.listPageSize();
		this.maxPageSize = properties.listMaxPageSize();
	}

	/** A report answered as one FHIR resource, or as CSV rows (a header, then a line per row). */
	public interface Report {
		Resource resource();

		String fileName();

		List<String> header();

		List<List<String>> lines();
	}

	/** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code total}, {@code count} per page. */
	record Page(int from, int to, int count, int total) {
		boolean hasNext() {
			return to < total;
		}

		boolean hasPrevious() {
			return from > 0;
		}
	}

	/** Answers with the list: the page asked for as a searchset Bundle, or all of it as CSV. */
	public <R> void answer(RequestDetails request, HttpServletResponse response, PopulationList<R> list,
			IntegerType count, IntegerType offset) throws IOException {
		Optional<Csv.Dialect> spreadsheet = spreadsheet(request);
		if (spreadsheet.isPresent()) {
			List<R> rows = list.rows(true);
			shown(request, rows.stream().map(list::patient).toList());
			try (Csv out = csv(response, spreadsheet.get(), list.fileName())) {
				out.row(list.header().toArray(String[]::new));
				for (List<R> chunk : ResourceStore.chunks(rows)) {
					for (List<String> line : list.lines(chunk)) {
						out.row(line.toArray(String[]::new));
					}
				}
			}
			return;
		}
		List<R> rows = list.rows(false);
		Page page = page(count, offset, rows.size());
		List<R> shown = rows.subList(page.from(), page.to());
		shown(request, shown.stream().map(list::patient).toList());
		Bundle bundle = searchset(request, page);
		Map<String, Resource> resources = resources(shown.stream().map(list::resource).toList());
		List<Extension> details = list.details(shown);
		for (int i = 0; i < shown.size(); i++) {
			String reference = list.resource(shown.get(i));
			Resource resource = resources.get(reference);
			if (resource == null) {
				continue; // deleted between the list and this read
			}
			Bundle.BundleEntryComponent entry = bundle.addEntry()
					.setFullUrl(request.getFhirServerBase() + "/" + reference)
					.setResource(resource);
			entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
			entry.addExtension(details.get(i));
		}
		write(request, bundle);
	}

	/** Answers with the report: its resource, or its rows as CSV. */
	public void answer(RequestDetails request, HttpServletResponse response, Report report) throws IOException {
		Optional<Csv.Dialect> spreadsheet = spreadsheet(request);
		if (spreadsheet.isEmpty()) {
			write(request, report.resource());
			return;
		}
		try (Csv out = csv(response, spreadsheet.get(), report.fileName())) {
			out.row(report.header().toArray(String[]::new));
			for (List<String> line : report.lines()) {
				out.row(line.toArray(String[]::new));
			}
		}
	}

	/** The day of an optional {@code date} parameter; today (Netherlands) when absent. */
	public LocalDate day(DateType date) {
		if (date == null || date.getValue() == null) {
			return Programme.today(clock);
		}
		if (date.getPrecision() != TemporalPrecisionEnum.DAY) {
			throw new InvalidRequestException("date must be a full day (YYYY-MM-DD), not " + date.getValueAsString());
		}
		return LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
	}

	/** The id of the {@code practice} parameter, an Organization given as {@code 123} or {@code Organization/123}. */
	public static String practice(StringType practice) {
		if (practice == null || practice.isEmpty()) {
			return null;
		}
		IdType id = new IdType(practice.getValue());
		if (id.hasResourceType() && !"Organization".equals(id.getResourceType())) {
			throw new InvalidRequestException("practice must be an Organization id, not " + practice.getValue());
		}
		return id.getIdPart();
	}

	Page page(IntegerType count, IntegerType offset, int total) {
		int size = count == null || count.getValue() == null ? pageSize : count.getValue();
		int from = offset == null || offset.getValue() == null ? 0 : offset.getValue();
		if (size < 1 || size > maxPageSize) {
			throw new InvalidRequestException("_count must be between 1 and " + maxPageSize + ", not " + size);
		}
		if (from < 0) {
			throw new InvalidRequestException("_offset must be 0 or more, not " + from);
		}
		int start = Math.min(from, total);
		return new Page(start, Math.min(total, start + size), size, total);
	}

	/** An empty searchset Bundle with total and paging links for this request. */
	private static Bundle searchset(RequestDetails request, Page page) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(page.total());
		bundle.addLink().setRelation("self").setUrl(link(request, page.from(), page.count()));
		if (page.hasNext()) {
			bundle.addLink().setRelation("next").setUrl(link(request, page.to(), page.count()));
		}
		if (page.hasPrevious()) {
			bundle.addLink().setRelation("previous")
					.setUrl(link(request, Math.max(0, page.from() - page.count()), page.count()));
		}
		return bundle;
	}

	private static String link(RequestDetails request, int offset, int count) {
		Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameters());
		parameters.put("_offset", new String[] {Integer.toString(offset)});
		parameters.put("_count", new String[] {Integer.toString(count)});
		String path = URLDecoder.decode(request.getRequestPath(), StandardCharsets.UTF_8); // "Patient/%24screening-list"
		StringBuilder url = new StringBuilder(request.getFhirServerBase()).append('/').append(path);
		char separator = '?';
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			for (String value : parameter.getValue()) {
				url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(value));
				separator = '&';
			}
		}
		return url.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%24", "$").replace("%7C", "|");
	}

	/** The current resources behind these references ({@code Type/id}), one read per type. */
	private Map<String, Resource> resources(List<String> references) {
		Map<String, List<String>> idsByType = references.stream().map(IdType::new).collect(Collectors.groupingBy(
				IdType::getResourceType, Collectors.mapping(IdType::getIdPart, Collectors.toList())));
		Map<String, Resource> resources = new HashMap<>();
		idsByType.forEach((type, ids) -> {
			@SuppressWarnings("unchecked")
			Class<? extends Resource> kind = (Class<? extends Resource>) context.getResourceDefinition(type)
					.getImplementingClass();
			store.byIds(kind, ids).forEach(resource -> resources.put(type + "/" + resource.getIdElement().getIdPart(),
					resource));
		});
		return resources;
	}

	private static void shown(RequestDetails request, Collection<String> patients) {
		request.getUserData().put(PATIENTS_SHOWN, patients.stream().map(id -> "Patient/" + id).toList());
	}

	/**
	 * The spreadsheet the caller asked for, if any: {@code _format=csv} (or {@code text/csv}) for RFC 4180,
	 * {@code _format=csv-nl} for Excel with Dutch settings.
	 */
	private static Optional<Csv.Dialect> spreadsheet(RequestDetails request) {
		String[] format = request.getParameters().get("_format");
		String asked = format != null && format.length > 0 ? format[0] : "";
		return switch (asked) {
			case "csv", "text/csv" -> Optional.of(Csv.Dialect.RFC4180);
			case "csv-nl" -> Optional.of(Csv.Dialect.EXCEL_NL);
			default -> Optional.empty();
		};
	}

	private static Csv csv(HttpServletResponse response, Csv.Dialect dialect, String fileName) throws IOException {
		response.setStatus(200);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		return new Csv(new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
				1 << 16), dialect);
	}

	private static void write(RequestDetails request, IBaseResource resource) throws IOException {
		RestfulServerUtils.streamResponseAsResource(request.getServer(), resource,
				RestfulServerUtils.determineSummaryMode(request), 200, false, request.isRespondGzip(), request);
	}
}
