package nl.zorgpad.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped instruments scored from their own Questionnaire data, at every cut-off and special rule. */
public class InstrumentScorerTest {
	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final InstrumentScorer SCORER = new InstrumentScorer(FHIR);

	public static Questionnaire questionnaire(String id) {
		try {
			return FHIR.newJsonParser().parseResource(Questionnaire.class,
					Files.readString(Path.of("fhir-profiles", "Questionnaire-" + id + ".json")));
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A completed response answering every scored item with {@code defaultAnswer} unless overridden. */
	public static QuestionnaireResponse respond(Questionnaire questionnaire, String defaultAnswer, Map<String, String> answers) {
		QuestionnaireResponse response = new QuestionnaireResponse();
		response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
		response.setQuestionnaire(questionnaire.getUrl());
		for (QuestionnaireItemComponent item : questionnaire.getItem()) {
			boolean scored = item.getType() == Questionnaire.QuestionnaireItemType.CHOICE
					|| (item.getType() == Questionnaire.QuestionnaireItemType.INTEGER && item.getRequired());
			if (scored) {
				String answer = answers.getOrDefault(item.getLinkId(), defaultAnswer);
				response.addItem().setLinkId(item.getLinkId()).addAnswer().setValue(value(item, answer));
			}
		}
		return response;
	}

	private static Type value(QuestionnaireItemComponent item, String answer) {
		if (item.getType() == Questionnaire.QuestionnaireItemType.INTEGER) {
			return new IntegerType(answer.equals("max") ? maxValue(item) : Integer.parseInt(answer));
		}
		for (QuestionnaireItemAnswerOptionComponent option : item.getAnswerOption()) {
			if (option.getValue() instanceof Coding coding && coding.getCode().equals(answer)) {
				return coding.copy();
			}
			if (option.getValue() instanceof IntegerType integer && String.valueOf(integer.getValue()).equals(answer)) {
				return integer.copy();
			}
		}
		// the item's own "worst"/"best" answers for the all-… cases
		return item.getAnswerOption().get(answer.equals("worst") ? 0 : item.getAnswerOption().size() - 1).getValue().copy();
	}

	private static int maxValue(QuestionnaireItemComponent item) {
		Extension max = item.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/maxValue");
		return ((IntegerType) max.getValue()).getValue();
	}

	private static InstrumentScorer.Score score(String instrument, String defaultAnswer, String... overrides) {
		Map<String, String> answers = new LinkedHashMap<>();
		for (String override : overrides) {
			String[] parts = override.split("=");
			answers.put(parts[0], parts[1]);
		}
		Questionnaire questionnaire = questionnaire(instrument);
		return SCORER.score(questionnaire, respond(questionnaire, defaultAnswer, answers)).orElseThrow();
	}

	private static String interpretation(InstrumentScorer.Score score) {
		return score.interpretation().map(Coding::getCode).orElse("none");
	}

	@Nested
	class Gfi {
		@Test
		void allBestAnswers_scoreZero_notFrail() {
			InstrumentScorer.Score score = score("gfi", "best", "gfi-5=10");
			assertThat(score.total()).isZero();
			assertThat(interpretation(score)).isEqualTo("gfi-niet-kwetsbaar");
			assertThat(score.code()).map(Coding::getCode).contains("gfi-total");
		}

		@Test
		void allWorstAnswers_scoreFifteen_frail() {
			InstrumentScorer.Score score = score("gfi", "worst", "gfi-5=0");
			assertThat(score.total()).isEqualTo(15);
			assertThat(interpretation(score)).isEqualTo("gfi-kwetsbaar");
		}

		@ParameterizedTest(name = "{0} yes answers -> {1} ({2})")
		@CsvSource({"3, 3, gfi-niet-kwetsbaar", "4, 4, gfi-kwetsbaar"})
		void cutOffBetweenThreeAndFour(int yesAnswers, int total, String expected) {
			String[] overrides = new String[yesAnswers + 1];
			overrides[0] = "gfi-5=10";
			for (int i = 0; i < yesAnswers; i++) {
				overrides[i + 1] = "gfi-" + (6 + i) + "=ja";
			}
			InstrumentScorer.Score score = score("gfi", "best", overrides);
			assertThat(score.total()).isEqualTo(total);
			assertThat(interpretation(score)).isEqualTo(expected);
		}

		@ParameterizedTest(name = "fitness {0} -> {1}")
		@CsvSource({"0, 1", "6, 1", "7, 0", "10, 0"})
		void fitnessMarkSixOrLowerCountsOne(int mark, int total) {
			assertThat(score("gfi", "best", "gfi-5=" + mark).total()).isEqualTo(total);
		}

		@ParameterizedTest(name = "memory {0} -> {1}")
		@CsvSource({"ja, 1", "soms, 0", "nee, 0"})
		void memoryCountsOnlyWhenYes(String answer, int total) {
			assertThat(score("gfi", "best", "gfi-5=10", "gfi-10=" + answer).total()).isEqualTo(total);
		}

		@ParameterizedTest(name = "loneliness {0} -> {1}")
		@CsvSource({"ja, 1", "soms, 1", "nee, 0"})
		void lonelinessCountsWhenYesOrSometimes(String answer, int total) {
			assertThat(score("gfi", "best", "gfi-5=10", "gfi-12=" + answer).total()).isEqualTo(total);
		}
	}

	@Nested
	class Trazag {
		@ParameterizedTest(name = "{0} yes -> {1}")
		@CsvSource({"0, trazag-niet-kwetsbaar", "2, trazag-niet-kwetsbaar", "3, trazag-kwetsbaar", "10, trazag-kwetsbaar"})
		void countsYesAnswers_frailFromThree(int yes, String expected) {
			String[] overrides = new String[yes];
			for (int i = 0; i < yes; i++) {
				overrides[i] = "trazag-" + (i + 1) + "=ja";
			}
			InstrumentScorer.Score score = score("trazag-start", "nee", overrides);
			assertThat(score.total()).isEqualTo(yes);
			assertThat(interpretation(score)).isEqualTo(expected);
		}
	}

	@Nested
	class Mmse {
		@Test
		void allSectionsAtMaximum_scoreThirty_normal() {
			InstrumentScorer.Score score = score("mmse", "max");
			assertThat(score.total()).isEqualTo(30);
			assertThat(interpretation(score)).isEqualTo("mmse-normaal");
		}

		@Test
		void allSectionsZero_scoreZero_impairmentSuspected() {
			assertThat(interpretation(score("mmse", "0"))).isEqualTo("mmse-cognitieve-stoornis-vermoed");
			assertThat(score("mmse", "0").total()).isZero();
		}

		@ParameterizedTest(name = "recall {0} -> total {1}: {2}")
		@CsvSource({"0, 27, mmse-normaal", "3, 30, mmse-normaal"})
		void sumsSections(int recall, int total, String expected) {
			InstrumentScorer.Score score = score("mmse", "max", "mmse-herinneren=" + recall);
			assertThat(score.total()).isEqualTo(total);
			assertThat(interpretation(score)).isEqualTo(expected);
		}

		@ParameterizedTest(name = "total {0}: {1}")
		@CsvSource({"23, mmse-cognitieve-stoornis-vermoed", "24, mmse-normaal"})
		void cutOffBetween23And24(int total, String expected) {
			// 30 at maximum, minus (orientation in time 5 - t) and (attention 5 - a)
			int missing = 30 - total;
			int time = 5 - Math.min(5, missing);
			int attention = 5 - (missing - (5 - time));
			InstrumentScorer.Score score =
					score("mmse", "max", "mmse-orientatie-tijd=" + time, "mmse-aandacht=" + attention);
			assertThat(score.total()).isEqualTo(total);
			assertThat(interpretation(score)).isEqualTo(expected);
		}
	}

	@Nested
	class Ediz {
		@ParameterizedTest(name = "every statement {0} -> {1}")
		@CsvSource({"nee!, 0", "nee, 0", "min-of-meer, 9", "ja, 9", "ja!, 9"})
		void theLastThreeAnswersScoreOne(String answer, int total) {
			assertThat(score("ediz", answer).total()).isEqualTo(total);
		}

		@ParameterizedTest(name = "{0} burdened statements -> {1}")
		@CsvSource({"3, ediz-niet-overbelast", "4, ediz-overbelast"})
		void statesItsOverburdenedCutOff(int burdened, String expected) {
			String[] overrides = new String[burdened];
			for (int i = 0; i < burdened; i++) {
				overrides[i] = "ediz-" + (i + 1) + "=ja";
			}
			assertThat(interpretation(score("ediz", "nee", overrides))).isEqualTo(expected);
		}
	}

	@Test
	void aRegionsOwnVersion_isScoredByItsOwnWeights() {
		Questionnaire regional = questionnaire("trazag-start");
		regional.setUrl("https://regio-utrecht.example/fhir/Questionnaire/trazag-start").setVersion("2026.1");
		regional.getItem().stream().filter(item -> item.getLinkId().equals("trazag-1"))
				.flatMap(item -> item.getAnswerOption().stream())
				.filter(option -> ((Coding) option.getValue()).getCode().equals("ja"))
				.forEach(option -> option.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/ordinalValue")
						.setValue(new org.hl7.fhir.r4.model.DecimalType(3)));

		QuestionnaireResponse response = respond(regional, "nee", Map.of("trazag-1", "ja"));

		assertThat(SCORER.score(regional, response)).map(InstrumentScorer.Score::total).contains(3);
	}

	@Test
	void aQuestionnaireWithoutCalculatedTotal_isNotScored() {
		Questionnaire criteria = questionnaire("complex-kwetsbaar-criteria");
		assertThat(SCORER.score(criteria, new QuestionnaireResponse())).isEqualTo(Optional.empty());
	}

	@Test
	void readsAndWritesTheStatedTotal() {
		QuestionnaireResponse response = new QuestionnaireResponse();
		assertThat(InstrumentScorer.statedTotal(response)).isEmpty();
		InstrumentScorer.writeTotal(response, 7);
		InstrumentScorer.writeTotal(response, 8);
		assertThat(InstrumentScorer.statedTotal(response)).map(java.math.BigDecimal::intValue).contains(8);
		assertThat(response.getItem()).hasSize(1);
	}
}
