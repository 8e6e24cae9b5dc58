package nl.zorgpad.server;

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
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;

/**
 * Shared shape of the population operations ({@code $screening-list}, {@code $worklist},
 * {@code $monitoring-report}): {@code _count}/{@code _offset} paging of a searchset Bundle with
 * self/next/previous links, {@code _format=csv} for spreadsheets, and FHIR responses written by HAPI's
 * own response writer (content negotiation, {@code _pretty}, {@code _summary}).
 */
public final class OperationResponses {
	private static final int DEFAULT_COUNT = 50;
	private static final int MAX_COUNT = 1000;

	private OperationResponses() {}

	/** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code total}, {@code count} per page. */
	public record Page(int from, int to, int count, int total) {
		boolean hasNext() {
			return to < total;
		}

		boolean hasPrevious() {
			return from > 0;
		}
	}

	public static Page page(IntegerType count, IntegerType offset, int total) {
		int size = count == null || count.getValue() == null ? DEFAULT_COUNT : count.getValue();
		int from = offset == null || offset.getValue() == null ? 0 : offset.getValue();
		if (size < 1 || size > MAX_COUNT) {
			throw new InvalidRequestException("_count must be between 1 and " + MAX_COUNT + ", not " + size);
		}
		if (from < 0) {
			throw new InvalidRequestException("_offset must be 0 or more, not " + from);
		}
		int start = Math.min(from, total);
		return new Page(start, Math.min(total, start + size), size, total);
	}

	/** An empty searchset Bundle with total and paging links for this request. */
	public static Bundle searchset(RequestDetails request, Page page, int total) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(total);
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

	/** Request user data: the patient references an operation showed (its answer is written by hand, not by HAPI). */
	public static final String PATIENTS_SHOWN = OperationResponses.class.getName() + ".patientsShown";

	/** Records which patients an operation's answer shows, for the audit trail. */
	public static void shown(RequestDetails request, java.util.Collection<String> patientReferences) {
		request.getUserData().put(PATIENTS_SHOWN, java.util.List.copyOf(patientReferences));
	}

	/**
	 * The spreadsheet the caller asked for, if any: {@code _format=csv} (or {@code text/csv}) for RFC 4180,
	 * {@code _format=csv-nl} for Excel with Dutch settings.
	 */
	public static java.util.Optional<Csv.Dialect> spreadsheet(RequestDetails request) {
		String[] format = request.getParameters().get("_format");
		String asked = format != null && format.length > 0 ? format[0] : "";
		return switch (asked) {
			case "csv", "text/csv" -> java.util.Optional.of(Csv.Dialect.RFC4180);
			case "csv-nl" -> java.util.Optional.of(Csv.Dialect.EXCEL_NL);
			default -> java.util.Optional.empty();
		};
	}

	/** Rows in the dialect asked for, written as a UTF-8 CSV download. */
	public static Csv csv(HttpServletResponse response, Csv.Dialect dialect, String fileName) throws IOException {
		response.setStatus(200);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		return new Csv(new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
				1 << 16), dialect);
	}

	/** Writes a FHIR resource as HAPI would for a normal (not manual) response. */
	public static void write(RequestDetails request, IBaseResource resource) throws IOException {
		RestfulServerUtils.streamResponseAsResource(request.getServer(), resource,
				RestfulServerUtils.determineSummaryMode(request), 200, false, request.isRespondGzip(), request);
	}

	/** The day of an optional date parameter; today (Netherlands) when absent. */
	public static LocalDate day(DateType date, Clock clock) {
		if (date == null || date.getValue() == null) {
			return nl.zorgpad.rules.Programme.today(clock);
		}
		if (date.getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
			throw new InvalidRequestException("date must be a full day (YYYY-MM-DD), not " + date.getValueAsString());
		}
		return LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
	}

	/** The id of an Organization given as {@code 123} or {@code Organization/123}; null when absent. */
	public static String organizationId(StringType practice) {
		if (practice == null || practice.isEmpty()) {
			return null;
		}
		IdType id = new IdType(practice.getValue());
		if (id.hasResourceType() && !"Organization".equals(id.getResourceType())) {
			throw new InvalidRequestException("practice must be an Organization id, not " + practice.getValue());
		}
		return id.getIdPart();
	}
}
