package nl.zorgpad.screening;

import java.time.Clock;
import nl.zorgpad.server.FhirServerPlugin;
import nl.zorgpad.server.SearchIndex;
import nl.zorgpad.server.StoredResources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code Patient/$screening-list}. */
@Configuration(proxyBeanMethods = false)
class ScreeningConfig {
	@Bean
	FhirServerPlugin screeningListOperation(SearchIndex index, StoredResources store, Clock clock) {
		ScreeningListOperation operation = new ScreeningListOperation(new ScreeningQuery(index), store, clock);
		return server -> server.registerProvider(operation);
	}
}
