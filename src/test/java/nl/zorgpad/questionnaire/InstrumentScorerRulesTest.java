package nl.zorgpad.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

/**
 * How a Questionnaire's own data scores a response, on small made-up instruments: weights of chosen options
 * (ordinalValue or itemWeight) wherever the answer sits, one-sided interpretation bands, a total nested in a
 * group. Each test builds its own scorer, so nothing is remembered from another test.
 */
class InstrumentScorerRulesTest {
	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String SYSTEM = "https://example.org/answers";
	private static final String WEIGHTS_SUMMED =
			"%resource.repeat(item).where(linkId != 'total').answer.weight().aggregate($this + $total, 0)";

	private final InstrumentScorer scorer = new InstrumentScorer(FHIR);

	@Test
	void theWeightsOfTheChosenOptionsAreSummed_alsoForAnswersInGroupsAndUnderOtherAnswers() {
		Questionnaire questionnaire = instrument(total("%resource.repeat(item | answer.item).where(linkId != 'total')"
				+ ".answer.weight().aggregate($this + $total, 0)"), choice("q1"), choice("q2"), choice("q3"));
		QuestionnaireResponse response = new QuestionnaireResponse();
		response.addItem(answered("q1", coding("b"))); // 2
		QuestionnaireResponseItemComponent group = response.addItem().setLinkId("group");
		group.addItem(answered("q2", coding("c"))); // 3, inside a group
		response.getItem().get(0).getAnswerFirstRep().addItem(answered("q3", coding("a"))); // 1, under an answer

		assertThat(scorer.score(questionnaire, response)).hasValueSatisfying(score -> assertThat(score.total()).isEqualTo(6));
	}

	@Test
	void anOptionOfAnotherCodeSystem_weighsNothing_anOptionWithoutSystemMatchesAnyCode() {
		Questionnaire questionnaire = instrument(total(WEIGHTS_SUMMED), choice("q1"));
		questionnaire.getItem().get(1).addAnswerOption().setValue(new Coding().setCode("z"))
				.addExtension(InstrumentScorer.WEIGHT_EXTENSIONS.get(0), new IntegerType(10));

		assertThat(scorer.score(questionnaire, responseTo("q1", new Coding(SYSTEM + "/other", "b", null))).orElseThrow()
				.total()).isZero();
		assertThat(scorer.score(questionnaire, responseTo("q1", new Coding(SYSTEM, "z", null))).orElseThrow().total())
				.isEqualTo(10);
	}

	@Test
	void anAnswerThatIsNoCoding_matchesAnOptionOfTheSameValue_andAnUnweightedAnswerAddsNothing() {
		QuestionnaireItemComponent numbers = new QuestionnaireItemComponent().setLinkId("q1")
				.setType(QuestionnaireItemType.CHOICE);
		numbers.addAnswerOption().setValue(new StringType("ja"))
				.addExtension(InstrumentScorer.WEIGHT_EXTENSIONS.get(1), new DecimalType("4"));
		numbers.addAnswerOption().setValue(new StringType("nee"));
		Questionnaire questionnaire = instrument(total(WEIGHTS_SUMMED), numbers);

		assertThat(scorer.score(questionnaire, responseTo("q1", new StringType("ja"))).orElseThrow().total()).isEqualTo(4);
		assertThat(scorer.score(questionnaire, responseTo("q1", new StringType("nee"))).orElseThrow().total()).isZero();
	}

	@Test
	void aWeightExtensionWithoutValue_isPassedOverForTheNextOne() {
		QuestionnaireItemComponent item = new QuestionnaireItemComponent().setLinkId("q1").setType(QuestionnaireItemType.CHOICE);
		item.addAnswerOption().setValue(new Coding(SYSTEM, "a", null))
				.addExtension(new Extension(InstrumentScorer.WEIGHT_EXTENSIONS.get(0)))
				.addExtension(InstrumentScorer.WEIGHT_EXTENSIONS.get(1), new IntegerType(7));

		assertThat(scorer.score(instrument(total(WEIGHTS_SUMMED), item), responseTo("q1", coding("a"))).orElseThrow()
				.total()).isEqualTo(7);
	}

	@Test
	void oneSidedBands_interpretTotalsBelowAMaximumAndFromAMinimum() {
		QuestionnaireItemComponent total = total(WEIGHTS_SUMMED);
		total.addExtension(band(null, 2, "normaal")).addExtension(band(3, null, "afwijkend"));
		Questionnaire questionnaire = instrument(total, choice("q1"));

		assertThat(scorer.score(questionnaire, responseTo("q1", coding("b"))).orElseThrow().interpretation())
				.hasValueSatisfying(coding -> assertThat(coding.getCode()).isEqualTo("normaal"));
		assertThat(scorer.score(questionnaire, responseTo("q1", coding("c"))).orElseThrow().interpretation())
				.hasValueSatisfying(coding -> assertThat(coding.getCode()).isEqualTo("afwijkend"));
	}

	@Test
	void aTotalItemInsideAGroup_isFoundToScoreBy_andToReadAndWriteTheStatedTotal() {
		QuestionnaireItemComponent group = new QuestionnaireItemComponent().setLinkId("scores")
				.setType(QuestionnaireItemType.GROUP);
		group.addItem(total(WEIGHTS_SUMMED));
		Questionnaire questionnaire = instrument(group, choice("q1"));
		QuestionnaireResponse response = responseTo("q1", coding("c"));
		response.addItem().setLinkId("scores").addItem().setLinkId(InstrumentScorer.TOTAL_LINK_ID).addAnswer()
				.setValue(new DecimalType("2.0"));

		assertThat(scorer.score(questionnaire, response).orElseThrow().total()).isEqualTo(3);
		assertThat(InstrumentScorer.statedTotal(response)).contains(new BigDecimal("2.0"));
		InstrumentScorer.writeTotal(response, 3);
		assertThat(response.getItem()).hasSize(2); // written into the nested item, not added
		assertThat(InstrumentScorer.statedTotal(response)).contains(BigDecimal.valueOf(3));
	}

	@Test
	void aStatedTotalAsTextOrInteger_isReadAsANumber() {
		QuestionnaireResponse asText = new QuestionnaireResponse();
		asText.addItem().setLinkId(InstrumentScorer.TOTAL_LINK_ID).addAnswer().setValue(new StringType("12"));
		QuestionnaireResponse asInteger = new QuestionnaireResponse();
		asInteger.addItem().setLinkId(InstrumentScorer.TOTAL_LINK_ID).addAnswer().setValue(new IntegerType(12));

		assertThat(InstrumentScorer.statedTotal(asText)).contains(new BigDecimal("12"));
		assertThat(InstrumentScorer.statedTotal(asInteger)).contains(new BigDecimal("12"));
	}

	private static Questionnaire instrument(QuestionnaireItemComponent... items) {
		Questionnaire questionnaire = new Questionnaire().setUrl("https://example.org/Questionnaire/made-up");
		for (QuestionnaireItemComponent item : items) {
			questionnaire.addItem(item);
		}
		return questionnaire;
	}

	private static QuestionnaireItemComponent total(String expression) {
		QuestionnaireItemComponent total = new QuestionnaireItemComponent().setLinkId(InstrumentScorer.TOTAL_LINK_ID)
				.setType(QuestionnaireItemType.INTEGER);
		total.addExtension(InstrumentScorer.CALCULATED_EXPRESSION,
				new Expression().setLanguage("text/fhirpath").setExpression(expression));
		return total;
	}

	/** A choice with options a, b, c weighing 1, 2, 3. */
	private static QuestionnaireItemComponent choice(String linkId) {
		QuestionnaireItemComponent item = new QuestionnaireItemComponent().setLinkId(linkId)
				.setType(QuestionnaireItemType.CHOICE);
		int weight = 1;
		for (String code : new String[] {"a", "b", "c"}) {
			item.addAnswerOption().setValue(new Coding(SYSTEM, code, null))
					.addExtension(InstrumentScorer.WEIGHT_EXTENSIONS.get(0), new IntegerType(weight++));
		}
		return item;
	}

	private static Extension band(Integer min, Integer max, String code) {
		Extension band = new Extension(InstrumentScorer.SCORE_BAND);
		if (min != null) {
			band.addExtension("min", new IntegerType(min));
		}
		if (max != null) {
			band.addExtension("max", new IntegerType(max));
		}
		band.addExtension("interpretation", new Coding(SYSTEM, code, null));
		return band;
	}

	private static Coding coding(String code) {
		return new Coding(SYSTEM, code, null);
	}

	private static QuestionnaireResponseItemComponent answered(String linkId, Type value) {
		QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent().setLinkId(linkId);
		item.addAnswer().setValue(value);
		return item;
	}

	private static QuestionnaireResponse responseTo(String linkId, Type value) {
		QuestionnaireResponse response = new QuestionnaireResponse();
		response.addItem(answered(linkId, value));
		return response;
	}
}
