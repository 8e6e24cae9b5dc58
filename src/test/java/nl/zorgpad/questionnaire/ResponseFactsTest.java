package nl.zorgpad.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.Test;

class ResponseFactsTest {

	@Test
	void aCorrectedResponse_countsAsCompleted_aResponseInProgressDoesNot() {
		assertThat(ResponseFacts.isCompleted(response(QuestionnaireResponseStatus.COMPLETED))).isTrue();
		assertThat(ResponseFacts.isCompleted(response(QuestionnaireResponseStatus.AMENDED))).isTrue();
		assertThat(ResponseFacts.isCompleted(response(QuestionnaireResponseStatus.INPROGRESS))).isFalse();
		assertThat(ResponseFacts.isCompleted(response(QuestionnaireResponseStatus.STOPPED))).isFalse();
	}

	@Test
	void theQuestionnaireIsNamedByItsId_withoutBaseOrVersion() {
		QuestionnaireResponse response = response(QuestionnaireResponseStatus.COMPLETED);
		response.setQuestionnaire("https://zorgpad.nl/fhir/Questionnaire/gzsp-stop|1.0.0");
		assertThat(ResponseFacts.questionnaireId(response)).isEqualTo("gzsp-stop");
	}

	@Test
	void aChecklistKeepsItsYesAndNoAnswers_onTheDayItBelongsTo() {
		QuestionnaireResponse response = response(QuestionnaireResponseStatus.AMENDED);
		response.addItem().setLinkId("i1").addAnswer().setValue(new BooleanType(true));
		response.addItem().setLinkId("i2").addAnswer().setValue(new BooleanType(false));
		response.addItem().setLinkId("i3");
		ChecklistResponse checklist = ResponseFacts.checklistOf(response, LocalDate.of(2026, 11, 20));
		assertThat(checklist.day()).isEqualTo(LocalDate.of(2026, 11, 20));
		assertThat(checklist.completed()).isTrue();
		assertThat(checklist.notYes(java.util.List.of("i1", "i2", "i3"))).containsExactly("i2", "i3");
	}

	@Test
	void aChecklistItemAnsweredWithTextBeforeItsYes_countsItsYes() {
		QuestionnaireResponse response = response(QuestionnaireResponseStatus.COMPLETED);
		response.addItem().setLinkId("i1").addAnswer().setValue(new org.hl7.fhir.r4.model.StringType("zie toelichting"));
		response.getItemFirstRep().addAnswer().setValue(new BooleanType(true));

		assertThat(ResponseFacts.checklistOf(response, LocalDate.of(2026, 11, 20)).answers()).containsEntry("i1", true);
	}

	private static QuestionnaireResponse response(QuestionnaireResponseStatus status) {
		return new QuestionnaireResponse().setStatus(status);
	}
}
