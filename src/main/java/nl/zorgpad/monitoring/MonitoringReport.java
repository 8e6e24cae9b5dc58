package nl.zorgpad.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.PopulationAnswers;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The monitoring report of one period: a row per practice that has listed patients (ordered by id, patients
 * without a practice under {@code (geen praktijk)}), then the total; as Parameters or as CSV.
 */
final class MonitoringReport implements PopulationAnswers.Report {
	private static final String NO_PRACTICE = "(geen praktijk)";

	/** One row: a practice (Organization id, empty for none; null for the total) and its counts. */
	record Row(String practice, String name, long listed, long listed75, double share75, Map<Measure, Long> measures) {
		boolean isTotal() {
			return practice == null;
		}
	}

	private final ReportPeriod period;
	private final List<Row> rows;

	MonitoringReport(ReportPeriod period, MonitoringCounts.Counts counts, String practice, ResourceStore store) {
		this.period = period;
		this.rows = rows(counts, practice, store);
	}

	@Override
	public Resource resource() {
		Parameters report = new Parameters();
		report.addParameter().setName("date").setValue(new DateType(period.date().toString()));
		report.addParameter().setName("period").setValue(new Period()
				.setStartElement(new DateTimeType(period.start().toString()))
				.setEndElement(new DateTimeType(period.date().toString())));
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
			for (Measure measure : Measure.values()) {
				part.addPart().setName(measure.code())
						.setValue(new IntegerType(Math.toIntExact(row.measures().getOrDefault(measure, 0L))));
			}
		}
		return report;
	}

	@Override
	public String fileName() {
		return "monitoring-report-" + period.date() + ".csv";
	}

	@Override
	public List<String> header() {
		List<String> header = new ArrayList<>(List.of("practice", "name", "periodStart", "periodEnd", "listedPatients",
				"listed75PlusOnJanuary1", "share75PlusPercent"));
		for (Measure measure : Measure.values()) {
			header.add(measure.code());
		}
		return header;
	}

	@Override
	public List<List<String>> lines() {
		List<List<String>> lines = new ArrayList<>();
		for (Row row : rows) {
			List<String> cells = new ArrayList<>(List.of(row.isTotal() ? "total" : row.practice(), row.name(),
					period.start().toString(), period.date().toString(), Long.toString(row.listed()),
					Long.toString(row.listed75()), Double.toString(row.share75())));
			for (Measure measure : Measure.values()) {
				cells.add(Long.toString(row.measures().getOrDefault(measure, 0L)));
			}
			lines.add(cells);
		}
		return lines;
	}

	private static List<Row> rows(MonitoringCounts.Counts counts, String practice, ResourceStore store) {
		TreeSet<String> practices = new TreeSet<>(counts.listed().keySet());
		counts.measures().values().forEach(perPractice -> practices.addAll(perPractice.keySet()));
		if (practice != null) {
			practices.add(practice);
		}
		Map<String, String> names = new HashMap<>();
		store.byIds(Organization.class, practices.stream().filter(p -> !p.isEmpty()).toList())
				.forEach(o -> names.put(o.getIdElement().getIdPart(), o.getName()));
		List<Row> rows = new ArrayList<>();
		long listed = 0;
		long listed75 = 0;
		Map<Measure, Long> total = new java.util.EnumMap<>(Measure.class);
		for (String key : practices) {
			long these = counts.listed().getOrDefault(key, 0L);
			long old = counts.listed75().getOrDefault(key, 0L);
			Map<Measure, Long> measures = new java.util.EnumMap<>(Measure.class);
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
