package nl.zorgpad.questionnaire;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import nl.zorgpad.rules.RuleSwitches;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Instrument scoring on every write path of a QuestionnaireResponse. */
@Configuration(proxyBeanMethods = false)
class QuestionnaireConfig {

	@Bean
	InstrumentScorer instrumentScorer(FhirContext context) {
		return new InstrumentScorer(context);
	}

	@Bean
	QuestionnaireCatalog questionnaireCatalog(DaoRegistry daos, IInterceptorService storageInterceptors,
			nl.zorgpad.fhir.ResourceStore store) {
		QuestionnaireCatalog catalog = new QuestionnaireCatalog(daos.getResourceDao(Questionnaire.class),
				() -> store.lastChange("Questionnaire"));
		storageInterceptors.registerInterceptor(catalog);
		return catalog;
	}

	@Bean
	ScoringInterceptor scoringInterceptor(FhirContext context, InstrumentScorer scorer, QuestionnaireCatalog catalog,
			DaoRegistry daos, IInterceptorService storageInterceptors, RuleSwitches rules) {
		ScoringInterceptor interceptor =
				new ScoringInterceptor(context, scorer, catalog, daos.getResourceDao(Observation.class), rules);
		storageInterceptors.registerInterceptor(interceptor);
		return interceptor;
	}
}
