package nl.zorgpad.pathway;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.fhir.RuleOutcomes;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.rules.RuleSwitches;
import nl.zorgpad.rules.Verdict;
import nl.zorgpad.server.PatientOf;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the pathway rules (SPEC §4) on every write path: hooks the storage pointcuts, so plain
 * REST, conditional writes and every entry of a transaction or batch pass through it. A refusal is
 * HTTP 422 and rolls back the whole transaction; warnings are kept for the response.
 */
final class PathwayRulesInterceptor {
	static final String WARNINGS = PathwayRulesInterceptor.class.getName() + ".warnings";
	private static final Logger log = LoggerFactory.getLogger(PathwayRulesInterceptor.class);

	private final FhirContext context;
	private final ResourceStore store;
	private final RuleSwitches rules;
	private final Clock clock;
	private final PatientOf patientOf;
	private final Consumer<String> refusals;
	/** The resources the rules guard or read as facts. */
	private static final List<Class<? extends IBaseResource>> GUARDED = List.of(Encounter.class, Condition.class,
			CarePlan.class, EpisodeOfCare.class, Consent.class, QuestionnaireResponse.class, CareTeam.class, Task.class);

	/** @param refusals told the rule id of every refusal (the metrics) */
	PathwayRulesInterceptor(FhirContext context, ResourceStore store, RuleSwitches rules, Clock clock,
			Consumer<String> refusals) {
		this.clock = clock;
		this.context = context;
		this.store = store;
		this.rules = rules;
		this.patientOf = new PatientOf(context);
		this.refusals = refusals;
	}

	/** Entries of a transaction are checked together: a Consent earlier in the Bundle counts for a meeting later. */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void transaction(IBaseBundle bundle, RequestDetails request) {
		RequestBundle.remember(bundle, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		check(null, resource, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		check(oldResource, newResource, request);
	}

	/**
	 * A Consent is a fact of ZP-R1/R2: changing it takes the patient's lock too, so a withdrawal and a
	 * meeting written at the same moment are judged one after the other.
	 */
	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		lockPatientOf(resource);
	}

	private void check(IBaseResource previous, IBaseResource next, RequestDetails request) {
		lockPatientOf(next);
		if (!(next instanceof Resource resource) || !PathwayRules.judges(resource)) {
			return;
		}
		PatientRecord record = new PatientRecord(store, PatientRecord.patientOf(resource).getReference(),
				RequestBundle.of(request), Programme.today(clock));
		List<Verdict> verdicts = PathwayRules.judge((Resource) previous, resource, record, rules);
		List<Verdict.Finding> warnings = new ArrayList<>();
		for (Verdict verdict : verdicts) {
			if (verdict instanceof Verdict.Refused refused) {
				log.info("refused {}: {}", next.fhirType(), refused.reason().message());
				refusals.accept(refused.reason().ruleId());
				throw RuleOutcomes.refusal(context, refused.reason());
			}
			warnings.addAll(((Verdict.Allowed) verdict).warnings());
		}
		if (!warnings.isEmpty() && request != null) {
			@SuppressWarnings("unchecked")
			List<Verdict.Finding> kept = (List<Verdict.Finding>)
					request.getUserData().computeIfAbsent(WARNINGS, key -> new ArrayList<Verdict.Finding>());
			kept.addAll(warnings);
		}
	}

	/** Writes whose facts another write's rule reads are serialised per patient (see ResourceStore#lockPatient). */
	private void lockPatientOf(IBaseResource resource) {
		if (GUARDED.stream().anyMatch(type -> type.isInstance(resource))) {
			patientOf.about(resource).forEach(store::lockPatient);
		}
	}
}
