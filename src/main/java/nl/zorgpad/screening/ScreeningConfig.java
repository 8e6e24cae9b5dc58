package nl.zorgpad.screening;

import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.server.FhirServerPlugin;
import nl.zorgpad.server.PopulationAnswers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code Patient/$screening-list}. */
@Configuration(proxyBeanMethods = false)
class ScreeningConfig {
	@Bean
	FhirServerPlugin screeningListOperation(ScreeningPopulation population, PopulationAnswers answers) {
		ScreeningListOperation operation = new ScreeningListOperation(population, answers);
		return server -> server.registerProvider(operation);
	}

	@Bean
	OperationDeclaration screeningListDeclaration() {
		return ScreeningListOperation.DECLARATION;
	}
}
