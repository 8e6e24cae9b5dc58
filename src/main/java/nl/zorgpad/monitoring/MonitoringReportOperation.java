package nl.zorgpad.monitoring;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.Csv;
import nl.zorgpad.server.OperationResponses;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/$monitoring-report?date=YYYY-MM-DD[&practice=…]} (SPEC §6, seed 001): the
 * twice-yearly extract per GP practice and in total — listed patients and the share aged 75+ on 1
 * January, patients with an A49.01 / A05 / kwetsbaar / complex-kwetsbaar / A20 episode on {@code date},
 * MDOs held in the half year up to {@code date} and the patients discussed, patients with an active
 * Gezondheidsplan. A Parameters resource, or {@code _format=csv} with one row per practice and a total row.
 */
final class MonitoringReportOperation {
	private static final String NO_PRACTICE = "(geen praktijk)";

	private final MonitoringCounts query;
	private final ResourceStore store;
	private final Clock clock;

	MonitoringReportOperation(MonitoringCounts query, ResourceStore store, Clock clock) {
		this.clock = clock;
		this.query = query;
		this.store = store;
	}

	/** One row of the report: a practice (Organization id, empty for none; null for the total) and its counts. */
	record Row(String practice, String name, long listed, long listed75, double share75, Map<String, Long> measures) {
		boolean isTotal() {
			return practice == null;
		}
	}

	@Operation(name = "$monitoring-report", idempotent = true, manualResponse = true)
	public void monitoringReport(
			@OperationParam(name = "date") DateType date,
			@OperationParam(name = "practice") StringType practice,
			ServletRequestDetails request,
			HttpServletResponse response) throws IOException {
		ReportPeriod period = new ReportPeriod(OperationResponses.day(date, clock));
		String organization = OperationResponses.organizationId(practice);
		List<Row> rows = rows(query.counts(period, organization), organization);
		List<String> measures = List.copyOf(rows.get(rows.size() - 1).measures().keySet());
		java.util.Optional<Csv.Dialect> spreadsheet = OperationResponses.spreadsheet(request);
		if (spreadsheet.isPresent()) {
			try (Csv out = OperationResponses.csv(response, spreadsheet.get(), "monitoring-report-" + period.date() + ".csv")) {
				List<String> header = new ArrayList<>(List.of("practice", "name", "periodStart", "periodEnd",
						"listedPatients", "listed75PlusOnJanuary1", "share75PlusPercent"));
				header.addAll(measures);
				out.row(header.toArray(String[]::new));
				for (Row row : rows) {
					List<String> cells = new ArrayList<>(List.of(row.isTotal() ? "total" : row.practice(), row.name(), period.start().toString(),
							period.date().toString(), Long.toString(row.listed()), Long.toString(row.listed75()),
							Double.toString(row.share75())));
					measures.forEach(measure -> cells.add(Long.toString(row.measures().getOrDefault(measure, 0L))));
					out.row(cells.toArray(String[]::new));
				}
			}
			return;
		}
		Parameters report = new Parameters();
		report.addParameter().setName("date").setValue(new DateType(period.date().toString()));
		report.addParameter().setName("period").setValue(new Period()
				.setStartElement(new org.hl7.fhir.r4.model.DateTimeType(period.start().toString()))
				.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(period.date().toString())));
		report.addParameter().setName("fundingReferenceDate").setValue(new DateType(period.januaryFirst().toString()));
		for (Row row : rows) {
			ParametersParameterComponent part = report.addParameter().setName(row.isTotal() ? "total" : "practice");
			if (!row.isTotal()) {
				part.addPart().setName("organization").setValue(row.practice().isEmpty()
						? new StringType(NO_PRACTICE)
						: new Reference("Organization/" + row.practice()).setDisplay(row.name()));
			}
			part.addPart().setName("listedPatients").setValue(new IntegerType(Math.toIntExact(row.listed())));
			part.addPart().setName("listed75PlusOnJanuary1").setValue(new IntegerType(Math.toIntExact(row.listed75())));
			part.addPart().setName("share75PlusPercent").setValue(new DecimalType(row.share75()));
			measures.forEach(measure -> part.addPart().setName(measure)
					.setValue(new IntegerType(Math.toIntExact(row.measures().getOrDefault(measure, 0L)))));
		}
		OperationResponses.write(request, report);
	}

	/** One row per practice that has listed patients (ordered by id), then the total. */
	private List<Row> rows(MonitoringCounts.Counts counts, String practice) {
		TreeSet<String> practices = new TreeSet<>(counts.listed().keySet());
		counts.measures().values().forEach(m -> practices.addAll(m.keySet()));
		if (practice != null) {
			practices.add(practice);
		}
		Map<String, String> names = new java.util.HashMap<>();
		store.byIds(Organization.class, practices.stream().filter(p -> !p.isEmpty()).toList())
				.forEach(o -> names.put(o.getIdElement().getIdPart(), o.getName()));
		List<Row> rows = new ArrayList<>();
		long listed = 0;
		long listed75 = 0;
		Map<String, Long> total = new java.util.LinkedHashMap<>();
		counts.measures().keySet().forEach(measure -> total.put(measure, 0L));
		for (String key : practices) {
			long these = counts.listed().getOrDefault(key, 0L);
			long old = counts.listed75().getOrDefault(key, 0L);
			Map<String, Long> measures = new java.util.LinkedHashMap<>();
			counts.measures().forEach((measure, perPractice) -> {
				long n = perPractice.getOrDefault(key, 0L);
				measures.put(measure, n);
				total.merge(measure, n, Long::sum);
			});
			listed += these;
			listed75 += old;
			rows.add(new Row(key, key.isEmpty() ? NO_PRACTICE : names.getOrDefault(key, ""), these, old,
					ReportPeriod.share(old, these), measures));
		}
		rows.add(new Row(null, "", listed, listed75, ReportPeriod.share(listed75, listed), total));
		return rows;
	}
}
