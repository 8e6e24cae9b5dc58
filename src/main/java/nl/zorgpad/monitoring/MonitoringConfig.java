package nl.zorgpad.monitoring;

import java.time.Clock;
import nl.zorgpad.server.FhirServerPlugin;
import nl.zorgpad.server.SearchIndex;
import nl.zorgpad.server.StoredResources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code $monitoring-report}. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfig {
	@Bean
	FhirServerPlugin monitoringReportOperation(SearchIndex index, StoredResources store, Clock clock) {
		MonitoringReportOperation operation = new MonitoringReportOperation(new MonitoringQuery(index), store, clock);
		return server -> server.registerProvider(operation);
	}
}
