package nl.zorgpad.profiles;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * Decides which Zorgpad profiles a resource must conform to: the ones it claims in {@code meta.profile},
 * plus the one its content makes it (a Condition coded ICPC A05 is a frailty episode, whether it says so or not).
 */
final class ProfileSelector {
	static final String ICPC = "http://hl7.org/fhir/sid/icpc-1-nl";
	private static final String BASE = ProfilePackage.CANONICAL_BASE;
	private static final String CS = BASE + "/CodeSystem/";
	private static final String SD = BASE + "/StructureDefinition/";

	private ProfileSelector() {}

	static Set<String> profilesFor(Resource resource) {
		Set<String> profiles = new LinkedHashSet<>();
		resource.getMeta().getProfile().stream()
				.filter(canonical -> canonical.getValue() != null) // a profile may carry only extensions
				.map(canonical -> canonical.getValue().replaceAll("\\|.*$", ""))
				.filter(url -> url.startsWith(SD))
				.forEach(profiles::add);
		String inferred = inferred(resource);
		if (inferred != null) {
			profiles.add(SD + inferred);
		}
		return profiles;
	}

	private static String inferred(Resource resource) {
		if (resource instanceof Condition condition) {
			if (codes(condition.getCode(), ICPC, "A05", "A49.01")) {
				return "zp-frailty-episode";
			}
			return codes(condition.getCode(), ICPC, "A20") ? "zp-acp-episode" : null;
		}
		if (resource instanceof Consent consent) {
			return anyHasSystem(consent.getCategory(), "consent-category") ? "zp-consent" : null;
		}
		if (resource instanceof Encounter encounter) {
			return anyHasSystem(encounter.getType(), "meeting-type") ? "zp-meeting" : null;
		}
		if (resource instanceof CareTeam team) {
			boolean pathwayRoles = team.getParticipant().stream()
					.anyMatch(participant -> anyHasSystem(participant.getRole(), "care-team-role"));
			return pathwayRoles ? "zp-careteam" : null;
		}
		if (resource instanceof CarePlan plan) {
			return anyHasSystem(plan.getCategory(), "careplan-category") ? "zp-careplan" : null;
		}
		if (resource instanceof Goal goal) {
			return anyHasSystem(goal.getCategory(), "sfmpc") ? "zp-goal" : null;
		}
		if (resource instanceof EpisodeOfCare episode) {
			return anyHasSystem(episode.getType(), "episode-type") ? "zp-zorgtraject" : null;
		}
		if (resource instanceof Observation observation) {
			return hasSystem(observation.getCode(), CS + "instrument-score") ? "zp-instrument-score" : null;
		}
		if (resource instanceof ServiceRequest request) {
			return hasSystem(request.getPerformerType(), CS + "referral-target") ? "zp-referral" : null;
		}
		if (resource instanceof Task task) { // a work item: an action of a plan, or a referral or consultation
			return task.getBasedOn().stream().map(basedOn -> basedOn.getReferenceElement().getResourceType())
					.anyMatch(type -> "CarePlan".equals(type) || "ServiceRequest".equals(type)) ? "zp-task" : null;
		}
		if (resource instanceof Communication message) { // a message about a patient
			return "Patient".equals(message.getSubject().getReferenceElement().getResourceType()) ? "zp-message" : null;
		}
		if (resource instanceof QuestionnaireResponse response) {
			String questionnaire = response.getQuestionnaire();
			return questionnaire != null && questionnaire.startsWith(BASE + "/Questionnaire/")
					? "zp-instrument-response"
					: null;
		}
		return null;
	}

	private static boolean anyHasSystem(List<CodeableConcept> concepts, String codeSystemId) {
		return concepts.stream().anyMatch(concept -> hasSystem(concept, CS + codeSystemId));
	}

	private static boolean hasSystem(CodeableConcept concept, String system) {
		return concept.getCoding().stream().anyMatch(coding -> system.equals(coding.getSystem()));
	}

	private static boolean codes(CodeableConcept concept, String system, String... codes) {
		for (Coding coding : concept.getCoding()) {
			if (system.equals(coding.getSystem()) && Set.of(codes).contains(coding.getCode())) {
				return true;
			}
		}
		return false;
	}
}
