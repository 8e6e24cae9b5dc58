package nl.zorgpad.monitoring;

import java.time.Clock;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.FhirServerPlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code $monitoring-report}. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfig {
	@Bean
	FhirServerPlugin monitoringReportOperation(MonitoringCounts counts, ResourceStore store, Clock clock) {
		MonitoringReportOperation operation = new MonitoringReportOperation(counts, store, clock);
		return server -> server.registerProvider(operation);
	}
}
