package nl.zorgpad.questionnaire;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Date;
import java.util.Optional;
import nl.zorgpad.fhir.RuleOutcomes;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.RuleSwitches;
import nl.zorgpad.rules.Verdict;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;

/**
 * Scores instrument responses as they are stored (REST, conditional, transaction or batch): before
 * storage the total is computed, checked against the client's (ZP-R7) and written into the response;
 * in the same database transaction the score Observation {@code score-<response id>} is created or
 * updated, and retired (in the same transaction) when the response is deleted or no longer completed.
 */
final class ScoringInterceptor {
	static final String SCORE_PROFILE = "https://zorgpad.nl/fhir/StructureDefinition/zp-instrument-score";

	private final FhirContext context;
	private final InstrumentScorer scorer;
	private final QuestionnaireCatalog catalog;
	private final IFhirResourceDao<Observation> observations;
	private final RuleSwitches rules;

	ScoringInterceptor(FhirContext context, InstrumentScorer scorer, QuestionnaireCatalog catalog,
			IFhirResourceDao<Observation> observations, RuleSwitches rules) {
		this.rules = rules;
		this.context = context;
		this.scorer = scorer;
		this.catalog = catalog;
		this.observations = observations;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		scoreBeforeStorage(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource) {
		scoreBeforeStorage(newResource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void afterCreate(IBaseResource resource) {
		keepScoreObservation(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void afterUpdate(IBaseResource oldResource, IBaseResource newResource) {
		keepScoreObservation(newResource);
	}

	/** Before the response goes, so the score's reference to it does not block the delete. */
	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void beforeDelete(IBaseResource resource) {
		if (resource instanceof QuestionnaireResponse response) {
			retireScore(response);
		}
	}

	private void scoreBeforeStorage(IBaseResource resource) {
		if (!(resource instanceof QuestionnaireResponse response) || !isCompleted(response)) {
			return;
		}
		Optional<InstrumentScorer.Score> score = score(response);
		if (score.isEmpty()) {
			return;
		}
		int total = score.get().total();
		if (rules.isOn(RuleId.R7)
				&& InstrumentTotal.evaluate(new InstrumentTotal.Facts(
						InstrumentScorer.statedTotal(response).orElse(null), total)) instanceof Verdict.Refused refused) {
			throw RuleOutcomes.refusal(context, refused.reason());
		}
		InstrumentScorer.writeTotal(response, total);
	}

	private void keepScoreObservation(IBaseResource resource) {
		if (!(resource instanceof QuestionnaireResponse response)) {
			return;
		}
		Optional<InstrumentScorer.Score> score = isCompleted(response) ? score(response) : Optional.empty();
		if (score.isEmpty()) {
			retireScore(response);
			return;
		}
		observations.update(scoreObservation(response, score.get()), new SystemRequestDetails());
	}

	private Optional<InstrumentScorer.Score> score(QuestionnaireResponse response) {
		Optional<Questionnaire> questionnaire = catalog.find(response.getQuestionnaire());
		return questionnaire.flatMap(q -> scorer.score(q, response));
	}

	private void retireScore(QuestionnaireResponse response) {
		IdType id = scoreId(response);
		try {
			observations.read(id, new SystemRequestDetails());
			observations.delete(id, new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException noScore) {
			// nothing to retire
		}
	}

	private static boolean isCompleted(QuestionnaireResponse response) {
		return response.getStatus() == QuestionnaireResponseStatus.COMPLETED
				|| response.getStatus() == QuestionnaireResponseStatus.AMENDED;
	}

	private static IdType scoreId(QuestionnaireResponse response) {
		return new IdType("Observation", "score-" + response.getIdElement().getIdPart());
	}

	private static Observation scoreObservation(QuestionnaireResponse response, InstrumentScorer.Score score) {
		Observation observation = new Observation();
		observation.setId(scoreId(response));
		observation.getMeta().addProfile(SCORE_PROFILE);
		observation.setStatus(response.getStatus() == QuestionnaireResponseStatus.AMENDED
				? Observation.ObservationStatus.AMENDED
				: Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")));
		score.code().ifPresent(code -> observation.setCode(new CodeableConcept(code.copy())));
		observation.setSubject(response.getSubject().copy());
		observation.setEffective(new DateTimeType(response.hasAuthored() ? response.getAuthored() : new Date()));
		if (response.hasAuthor()) {
			observation.addPerformer(response.getAuthor().copy());
		}
		observation.setValue(new IntegerType(score.total()));
		score.interpretation().ifPresent(code -> observation.addInterpretation(new CodeableConcept(code.copy())));
		observation.addDerivedFrom(new Reference(response.getIdElement().toUnqualifiedVersionless().getValue()));
		return observation;
	}
}
