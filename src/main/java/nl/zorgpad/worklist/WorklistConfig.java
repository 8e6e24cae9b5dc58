package nl.zorgpad.worklist;

import java.time.Clock;
import nl.zorgpad.server.FhirServerPlugin;
import nl.zorgpad.server.SearchIndex;
import nl.zorgpad.server.StoredResources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code $worklist}. */
@Configuration(proxyBeanMethods = false)
class WorklistConfig {
	@Bean
	FhirServerPlugin worklistOperation(SearchIndex index, StoredResources store, Clock clock) {
		WorklistOperation operation = new WorklistOperation(new WorklistQuery(index), store, clock);
		return server -> server.registerProvider(operation);
	}
}
