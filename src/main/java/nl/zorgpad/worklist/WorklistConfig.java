package nl.zorgpad.worklist;

import java.time.Clock;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.FhirServerPlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code $worklist}. */
@Configuration(proxyBeanMethods = false)
class WorklistConfig {
	@Bean
	FhirServerPlugin worklistOperation(WorklistSource source, ResourceStore store, Clock clock) {
		WorklistOperation operation = new WorklistOperation(source, store, clock);
		return server -> server.registerProvider(operation);
	}
}
