package nl.zorgpad.monitoring;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.PopulationAnswers;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/$monitoring-report?date=YYYY-MM-DD[&practice=…]} (SPEC §6, seed 001): the twice-yearly
 * extract per GP practice and in total — listed patients and the share aged 75+ on 1 January, then the
 * {@link Measure}s on {@code date} or in the half year up to it. A Parameters resource, or {@code _format=csv}
 * with one row per practice and a total row ({@link MonitoringReport}).
 */
final class MonitoringReportOperation {
	static final OperationDeclaration DECLARATION = OperationDeclaration.population("$monitoring-report",
			OperationDeclaration.Level.SERVER, null, Set.of("Patient", "Condition", "Encounter", "CarePlan"));

	private final MonitoringCounts counts;
	private final ResourceStore store;
	private final PopulationAnswers answers;

	MonitoringReportOperation(MonitoringCounts counts, ResourceStore store, PopulationAnswers answers) {
		this.counts = counts;
		this.store = store;
		this.answers = answers;
	}

	@Operation(name = "$monitoring-report", idempotent = true, manualResponse = true)
	public void monitoringReport(
			@OperationParam(name = "date") DateType date,
			@OperationParam(name = "practice") StringType practice,
			ServletRequestDetails request,
			HttpServletResponse response) throws IOException {
		ReportPeriod period = new ReportPeriod(answers.day(date));
		String organization = PopulationAnswers.practice(practice);
		answers.answer(request, response,
				new MonitoringReport(period, counts.counts(period, organization), organization, store));
	}
}
