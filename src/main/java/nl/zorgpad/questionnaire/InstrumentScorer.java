package nl.zorgpad.questionnaire;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * Scores a QuestionnaireResponse the way its Questionnaire says, with no knowledge of any instrument:
 * the item {@code total} carries an SDC calculatedExpression (FHIRPath) and interpretation bands;
 * answer options carry their weight as {@code ordinalValue} (or SDC {@code itemWeight}), available to
 * the expression as the SDC function {@code weight()}. A region that loads its own version of an
 * instrument is scored by that version's data.
 */
public final class InstrumentScorer {
	public static final String TOTAL_LINK_ID = "total";
	static final String CALCULATED_EXPRESSION =
			"http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
	static final List<String> WEIGHT_EXTENSIONS = List.of(
			"http://hl7.org/fhir/StructureDefinition/ordinalValue",
			"http://hl7.org/fhir/StructureDefinition/itemWeight");
	static final String SCORE_BAND = "https://zorgpad.nl/fhir/StructureDefinition/zp-score-band";

	/** The computed total, its interpretation (if a band matches) and the code of the total item. */
	public record Score(int total, Optional<Coding> interpretation, Optional<Coding> code) {}

	private final ThreadLocal<FHIRPathEngine> engines;
	private final Map<String, ExpressionNode> parsed = new ConcurrentHashMap<>();

	public InstrumentScorer(FhirContext context) {
		HapiWorkerContext worker = new HapiWorkerContext(context, new DefaultProfileValidationSupport(context));
		this.engines = ThreadLocal.withInitial(() -> {
			FHIRPathEngine engine = new FHIRPathEngine(worker);
			engine.setHostServices(new WeightFunction(worker));
			return engine;
		});
	}

	/** Empty when the Questionnaire defines no calculated total (e.g. a yes/no criteria list). */
	public Optional<Score> score(Questionnaire questionnaire, QuestionnaireResponse response) {
		QuestionnaireItemComponent totalItem = find(questionnaire.getItem(), TOTAL_LINK_ID);
		if (totalItem == null || !totalItem.hasExtension(CALCULATED_EXPRESSION)) {
			return Optional.empty();
		}
		Expression expression = (Expression) totalItem.getExtensionByUrl(CALCULATED_EXPRESSION).getValue();
		ExpressionNode node = parsed.computeIfAbsent(expression.getExpression(), text -> engines.get().parse(text));

		Map<Object, BigDecimal> weights = new IdentityHashMap<>();
		collectWeights(itemsByLinkId(questionnaire.getItem(), new HashMap<>()), response.getItem(), weights);
		List<Base> result = engines.get().evaluate(weights, response, response, response, node);
		int total = result.isEmpty() ? 0 : number(result.get(0)).setScale(0, RoundingMode.HALF_UP).intValueExact();
		return Optional.of(new Score(total, band(totalItem, total), totalItem.getCode().stream().findFirst()));
	}

	/** The total the client put in the response, if any. */
	public static Optional<BigDecimal> statedTotal(QuestionnaireResponse response) {
		QuestionnaireResponseItemComponent item = findAnswered(response.getItem(), TOTAL_LINK_ID);
		if (item == null || item.getAnswer().isEmpty() || !item.getAnswerFirstRep().hasValue()) {
			return Optional.empty();
		}
		return Optional.of(number(item.getAnswerFirstRep().getValue()));
	}

	/** Writes the total into the response's total item, adding the item when the client left it out. */
	public static void writeTotal(QuestionnaireResponse response, int total) {
		QuestionnaireResponseItemComponent item = findAnswered(response.getItem(), TOTAL_LINK_ID);
		if (item == null) {
			item = response.addItem().setLinkId(TOTAL_LINK_ID);
		}
		item.getAnswer().clear();
		item.addAnswer().setValue(new IntegerType(total));
	}

	private static Optional<Coding> band(QuestionnaireItemComponent totalItem, int total) {
		for (Extension band : totalItem.getExtensionsByUrl(SCORE_BAND)) {
			Extension min = band.getExtensionByUrl("min");
			Extension max = band.getExtensionByUrl("max");
			boolean aboveMin = min == null || total >= number(min.getValue()).intValue();
			boolean belowMax = max == null || total <= number(max.getValue()).intValue();
			Extension interpretation = band.getExtensionByUrl("interpretation");
			if (aboveMin && belowMax && interpretation != null) {
				return Optional.of((Coding) interpretation.getValue());
			}
		}
		return Optional.empty();
	}

	private static void collectWeights(Map<String, QuestionnaireItemComponent> definitions,
			List<QuestionnaireResponseItemComponent> items, Map<Object, BigDecimal> weights) {
		for (QuestionnaireResponseItemComponent item : items) {
			QuestionnaireItemComponent definition = definitions.get(item.getLinkId());
			for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
				if (definition != null) {
					weightOf(definition, answer.getValue()).ifPresent(weight -> weights.put(answer, weight));
				}
				collectWeights(definitions, answer.getItem(), weights);
			}
			collectWeights(definitions, item.getItem(), weights);
		}
	}

	private static Optional<BigDecimal> weightOf(QuestionnaireItemComponent definition, Type value) {
		if (value == null) {
			return Optional.empty();
		}
		return definition.getAnswerOption().stream()
				.filter(option -> matches(option.getValue(), value))
				.flatMap(option -> WEIGHT_EXTENSIONS.stream()
						.map(option::getExtensionByUrl)
						.filter(extension -> extension != null && extension.hasValue()))
				.map(extension -> number(extension.getValue()))
				.findFirst();
	}

	private static boolean matches(Type option, Type answer) {
		if (option instanceof Coding optionCoding && answer instanceof Coding answerCoding) {
			return optionCoding.getCode() != null
					&& optionCoding.getCode().equals(answerCoding.getCode())
					&& (!optionCoding.hasSystem() || optionCoding.getSystem().equals(answerCoding.getSystem()));
		}
		return option != null && option.equalsDeep(answer);
	}

	private static BigDecimal number(Base value) {
		if (value instanceof IntegerType integer) {
			return BigDecimal.valueOf(integer.getValue());
		}
		if (value instanceof DecimalType decimal) {
			return decimal.getValue();
		}
		return new BigDecimal(value.primitiveValue());
	}

	private static Map<String, QuestionnaireItemComponent> itemsByLinkId(
			List<QuestionnaireItemComponent> items, Map<String, QuestionnaireItemComponent> into) {
		for (QuestionnaireItemComponent item : items) {
			into.put(item.getLinkId(), item);
			itemsByLinkId(item.getItem(), into);
		}
		return into;
	}

	private static QuestionnaireItemComponent find(List<QuestionnaireItemComponent> items, String linkId) {
		for (QuestionnaireItemComponent item : items) {
			if (linkId.equals(item.getLinkId())) {
				return item;
			}
			QuestionnaireItemComponent nested = find(item.getItem(), linkId);
			if (nested != null) {
				return nested;
			}
		}
		return null;
	}

	private static QuestionnaireResponseItemComponent findAnswered(
			List<QuestionnaireResponseItemComponent> items, String linkId) {
		for (QuestionnaireResponseItemComponent item : items) {
			if (linkId.equals(item.getLinkId())) {
				return item;
			}
			QuestionnaireResponseItemComponent nested = findAnswered(item.getItem(), linkId);
			if (nested != null) {
				return nested;
			}
		}
		return null;
	}
}
