package nl.zorgpad.questionnaire;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;

/** How a QuestionnaireResponse reads: which form, whether it counts as filled in, its yes/no answers. */
public final class ResponseFacts {
	private ResponseFacts() {}

	/**
	 * A response counts once it is completed — also after it was corrected ({@code amended}). Scoring, the
	 * multi-domain assessment (ZP-W2), the checklists of ZP-R3/ZP-R6, {@code $pathway} and the worklists all use this.
	 */
	public static boolean isCompleted(QuestionnaireResponse response) {
		return isCompleted(response.getStatus());
	}

	public static boolean isCompleted(QuestionnaireResponseStatus status) {
		return status == QuestionnaireResponseStatus.COMPLETED || status == QuestionnaireResponseStatus.AMENDED;
	}

	/** The FHIR status codes that count as completed (for queries on the search index). */
	public static final List<String> COMPLETED_CODES = List.of(
			QuestionnaireResponseStatus.COMPLETED.toCode(), QuestionnaireResponseStatus.AMENDED.toCode());

	/** The id of the Questionnaire answered, e.g. {@code gfi} for {@code https://zorgpad.nl/fhir/Questionnaire/gfi|1.0}. */
	public static String questionnaireId(QuestionnaireResponse response) {
		String canonical = String.valueOf(response.getQuestionnaire()).replaceAll("\\|.*$", "");
		return canonical.substring(canonical.lastIndexOf('/') + 1);
	}

	/** A response to one of the yes/no checklists, on the day it belongs to (see {@link ChecklistResponse#day()}). */
	public static ChecklistResponse checklistOf(QuestionnaireResponse response, LocalDate day) {
		Map<String, Boolean> answers = new HashMap<>();
		response.getItem().forEach(item -> item.getAnswer().stream()
				.filter(answer -> answer.hasValueBooleanType())
				.findFirst()
				.ifPresent(answer -> answers.put(item.getLinkId(), answer.getValueBooleanType().booleanValue())));
		return new ChecklistResponse(day, isCompleted(response), answers);
	}
}
