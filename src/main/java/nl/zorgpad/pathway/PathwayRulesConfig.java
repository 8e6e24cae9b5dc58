package nl.zorgpad.pathway;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.fhir.RuleOutcomes;
import nl.zorgpad.rules.RuleSwitches;
import nl.zorgpad.rules.Verdict;
import nl.zorgpad.server.FhirServerPlugin;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pathway rules on the storage pointcuts, their warnings in responses, and the list of active rules. */
@Configuration(proxyBeanMethods = false)
class PathwayRulesConfig {
	static final String ACTIVE_RULE_EXTENSION = "https://zorgpad.nl/fhir/StructureDefinition/zp-active-pathway-rule";
	private static final Logger log = LoggerFactory.getLogger(PathwayRulesConfig.class);

	@Bean
	PathwayRulesInterceptor pathwayRulesInterceptor(FhirContext context, ResourceStore store, RuleSwitches rules,
			Clock clock, IInterceptorService storageInterceptors, MeterRegistry metrics) {
		PathwayRulesInterceptor interceptor = new PathwayRulesInterceptor(context, store, rules, clock,
				rule -> metrics.counter("zorgpad.rule.refusals", "rule", rule).increment());
		storageInterceptors.registerInterceptor(interceptor);
		log.info("Pathway rules active: {}{}", rules.active(),
				rules.disabled().isEmpty() ? "" : " (switched off: " + rules.disabled() + ")");
		return interceptor;
	}

	/** {@code Patient/{id}/$pathway}. */
	@Bean
	FhirServerPlugin patientPathwayOperation(DaoRegistry daos, ResourceStore store, RuleSwitches rules, Clock clock) {
		PatientPathwayOperation operation = new PatientPathwayOperation(daos, store, rules, clock);
		return server -> server.registerProvider(operation);
	}

	/**
	 * Warnings (ZP-W*) never refuse a write: they are added to the OperationOutcome of the response
	 * ({@code Prefer: return=OperationOutcome}); the CapabilityStatement lists the active rules.
	 */
	@Bean
	OperationDeclaration patientPathwayDeclaration() {
		return PatientPathwayOperation.DECLARATION;
	}

	@Bean
	FhirServerPlugin pathwayRulesInResponses(RuleSwitches rules) {
		Object hooks = new Object() {
			@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
			public boolean addWarnings(RequestDetails request, IBaseResource response) {
				Object kept = request.getUserData().get(PathwayRulesInterceptor.WARNINGS);
				if (kept instanceof List<?> warnings && response instanceof OperationOutcome outcome) {
					warnings.forEach(warning -> outcome.addIssue(
							RuleOutcomes.issue((Verdict.Finding) warning, OperationOutcome.IssueSeverity.WARNING)));
				}
				return true;
			}

			@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
			public void listActiveRules(IBaseConformance statement) {
				CapabilityStatement capabilities = (CapabilityStatement) statement;
				capabilities.getRest().forEach(rest -> rules.active().forEach(rule -> rest.addExtension(
						ACTIVE_RULE_EXTENSION, new Coding(RuleOutcomes.RULE_SYSTEM, rule.code(), null))));
			}
		};
		return server -> server.registerInterceptor(hooks);
	}
}
