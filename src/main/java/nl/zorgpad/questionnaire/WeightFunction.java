package nl.zorgpad.questionnaire;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.context.IWorkerContext;
import org.hl7.fhir.r4.fhirpath.BaseHostServices;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.fhirpath.FHIRPathUtilityClasses.FunctionDetails;
import org.hl7.fhir.r4.fhirpath.TypeDetails;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.fhirpath.FHIRPathConstantEvaluationMode;

/**
 * The SDC FHIRPath function {@code weight()}: for each answer in focus, the weight of the answer option
 * chosen. The weights are worked out beforehand from the Questionnaire and passed as the evaluation's
 * application context (answers are keyed by identity).
 */
final class WeightFunction extends BaseHostServices {

	WeightFunction(IWorkerContext context) {
		super(context);
	}

	@Override
	public FunctionDetails resolveFunction(FHIRPathEngine engine, String name) {
		return "weight".equals(name)
				? new FunctionDetails("weight of the chosen answer option", 0, 0)
				: super.resolveFunction(engine, name);
	}

	@Override
	public TypeDetails checkFunction(FHIRPathEngine engine, Object appContext, String name, TypeDetails focus,
			List<TypeDetails> parameters) {
		return "weight".equals(name)
				? new TypeDetails(ExpressionNode.CollectionStatus.ORDERED, "decimal")
				: super.checkFunction(engine, appContext, name, focus, parameters);
	}

	@Override
	public List<Base> executeFunction(FHIRPathEngine engine, Object appContext, List<Base> focus, String name,
			List<List<Base>> parameters) {
		if (!"weight".equals(name)) {
			return super.executeFunction(engine, appContext, focus, name, parameters);
		}
		@SuppressWarnings("unchecked")
		Map<Object, BigDecimal> weights = (Map<Object, BigDecimal>) appContext;
		return focus.stream()
				.map(weights::get)
				.filter(weight -> weight != null)
				.<Base>map(DecimalType::new)
				.toList();
	}

	/** No host constants: names in the expression are plain FHIRPath (%resource is the engine's own). */
	@Override
	public List<Base> resolveConstant(FHIRPathEngine engine, Object appContext, String name,
			FHIRPathConstantEvaluationMode mode) {
		return List.of();
	}

	@Override
	public TypeDetails resolveConstantType(FHIRPathEngine engine, Object appContext, String name,
			FHIRPathConstantEvaluationMode mode) {
		return null;
	}

	@Override
	public boolean log(String argument, List<Base> focus) {
		return false;
	}

	@Override
	public Base resolveReference(FHIRPathEngine engine, Object appContext, String url, Base refContext) {
		return null;
	}

	@Override
	public boolean conformsToProfile(FHIRPathEngine engine, Object appContext, Base item, String url) {
		return false;
	}

	@Override
	public ValueSet resolveValueSet(FHIRPathEngine engine, Object appContext, String url) {
		return null;
	}

	@Override
	public boolean paramIsType(String name, int index) {
		return false;
	}
}
