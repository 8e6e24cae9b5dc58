package nl.zorgpad.monitoring;

import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.FhirServerPlugin;
import nl.zorgpad.server.PopulationAnswers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code $monitoring-report}. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfig {
	@Bean
	FhirServerPlugin monitoringReportOperation(MonitoringCounts counts, ResourceStore store, PopulationAnswers answers) {
		MonitoringReportOperation operation = new MonitoringReportOperation(counts, store, answers);
		return server -> server.registerProvider(operation);
	}

	@Bean
	OperationDeclaration monitoringReportDeclaration() {
		return MonitoringReportOperation.DECLARATION;
	}
}
