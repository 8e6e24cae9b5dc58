package nl.zorgpad.monitoring;

import java.util.Map;

/** The counts behind the monitoring report (the port; {@code store/MonitoringSql} counts on HAPI's tables). */
public interface MonitoringCounts {

	/**
	 * Counts per practice (Organization id; patients without a practice under the empty key): the listed patients
	 * and the 75+ among them, then one count per measure.
	 */
	record Counts(Map<String, Long> listed, Map<String, Long> listed75, Map<Measure, Map<String, Long>> measures) {}

	/** The counts for the report period, for one practice or (null) all. */
	Counts counts(ReportPeriod period, String practice);
}
