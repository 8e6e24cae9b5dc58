package nl.zorgpad.screening;

import java.time.Clock;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.FhirServerPlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code Patient/$screening-list}. */
@Configuration(proxyBeanMethods = false)
class ScreeningConfig {
	@Bean
	FhirServerPlugin screeningListOperation(ScreeningPopulation population, ResourceStore store, Clock clock) {
		ScreeningListOperation operation = new ScreeningListOperation(population, store, clock);
		return server -> server.registerProvider(operation);
	}
}
