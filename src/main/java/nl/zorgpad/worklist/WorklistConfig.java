package nl.zorgpad.worklist;

import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.FhirServerPlugin;
import nl.zorgpad.server.PopulationAnswers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code $worklist}. */
@Configuration(proxyBeanMethods = false)
class WorklistConfig {
	@Bean
	FhirServerPlugin worklistOperation(WorklistSource source, ResourceStore store, PopulationAnswers answers) {
		WorklistOperation operation = new WorklistOperation(source, store, answers);
		return server -> server.registerProvider(operation);
	}

	@Bean
	OperationDeclaration worklistDeclaration() {
		return WorklistOperation.DECLARATION;
	}
}
