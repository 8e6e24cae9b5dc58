package nl.zorgpad.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import nl.zorgpad.monitoring.Measure;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every custom operation declares itself, and its declaration, its Java signature and its OperationDefinition in
 * {@code fhir-profiles/} say the same: level, resource type, parameters (name, type, required) — so the
 * authorization, the CapabilityStatement and the clients integrators generate agree with what the server does.
 */
class OperationDeclarationsTest {
	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * Operations of FHIR itself that this server implements: defined by FHIR, allowed to readers of the
	 * terminology (SmartAuthorization's terminology rules), not declared here.
	 */
	private static final Set<String> FHIR_TERMINOLOGY = Set.of("$expand");

	/** The classes with a HAPI {@code @Operation} method of this server's own, found in the compiled main code. */
	static Stream<Class<?>> operationClasses() {
		return OPERATION_CLASSES.stream();
	}

	private static final List<Class<?>> OPERATION_CLASSES = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
			.importPackages("nl.zorgpad").stream()
			.map(JavaClass::reflect)
			.filter(type -> Arrays.stream(type.getDeclaredMethods()).anyMatch(method -> method.isAnnotationPresent(
					Operation.class) && !FHIR_TERMINOLOGY.contains(method.getAnnotation(Operation.class).name())))
			.toList();

	@Test
	void theOperationsFoundAreTheFourOfThisServer() {
		assertThat(operationClasses().map(type -> declaration(type).name()))
				.containsExactlyInAnyOrder("$screening-list", "$worklist", "$monitoring-report", "$pathway");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operationClasses")
	void theDeclaration_theMethodAndTheOperationDefinition_agree(Class<?> type) throws IOException {
		OperationDeclaration declared = declaration(type);
		Method method = Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(Operation.class))
				.findFirst().orElseThrow();
		Operation operation = method.getAnnotation(Operation.class);
		JsonNode definition = read("OperationDefinition-" + declared.name().substring(1));

		assertThat(operation.name()).isEqualTo(declared.name());
		assertThat(definition.path("url").asText()).isEqualTo(declared.definition());
		assertThat(definition.path("code").asText()).isEqualTo(declared.name().substring(1));
		boolean onInstance = Arrays.stream(method.getParameters()).anyMatch(p -> p.isAnnotationPresent(IdParam.class));
		OperationDeclaration.Level level = onInstance ? OperationDeclaration.Level.INSTANCE
				: operation.typeName().isEmpty() ? OperationDeclaration.Level.SERVER : OperationDeclaration.Level.TYPE;
		assertThat(declared.level()).isEqualTo(level);
		assertThat(definition.path("system").asBoolean()).isEqualTo(level == OperationDeclaration.Level.SERVER);
		assertThat(definition.path("type").asBoolean()).isEqualTo(level == OperationDeclaration.Level.TYPE);
		assertThat(definition.path("instance").asBoolean()).isEqualTo(level == OperationDeclaration.Level.INSTANCE);
		if (declared.type() != null) {
			assertThat(operation.typeName()).isEqualTo(declared.type().getSimpleName());
			assertThat(definition.path("resource").get(0).asText()).isEqualTo(declared.type().getSimpleName());
		}
		assertThat(definition.path("affectsState").asBoolean()).isFalse();
		assertThat(operation.idempotent()).isTrue();

		Map<String, String> javaParameters = new LinkedHashMap<>();
		for (Parameter parameter : method.getParameters()) {
			OperationParam param = parameter.getAnnotation(OperationParam.class);
			if (param != null) {
				javaParameters.put(param.name(), fhirType(parameter.getType()) + " min " + param.min());
			}
		}
		if (operation.manualResponse()) {
			javaParameters.put("_format", "string min 0"); // read from the request: csv, csv-nl
		}
		Map<String, String> defined = new LinkedHashMap<>();
		definition.path("parameter").forEach(p -> {
			if ("in".equals(p.path("use").asText())) {
				defined.put(p.path("name").asText(), p.path("type").asText() + " min " + p.path("min").asInt());
			}
		});
		assertThat(defined).isEqualTo(javaParameters);
	}

	@Test
	void aCallerNeedsReadAccessToThePatientOfEveryPatientOperation_andAPopulationOperationIsComposed() {
		operationClasses().map(OperationDeclarationsTest::declaration).forEach(declared -> {
			assertThat(declared.shows()).as(declared.name()).contains("Patient");
			if (declared.audience() == OperationDeclaration.Audience.POPULATION) {
				assertThat(declared.answer()).as(declared.name()).isEqualTo(OperationDeclaration.Answer.COMPOSED);
			}
		});
	}

	@Test
	void theMonitoringReportsMeasures_areThePartsItsOperationDefinitionNames_inOrder() throws IOException {
		for (JsonNode out : read("OperationDefinition-monitoring-report").path("parameter")) {
			if ("out".equals(out.path("use").asText()) && Set.of("practice", "total").contains(out.path("name").asText())) {
				List<String> parts = new ArrayList<>();
				out.path("part").forEach(part -> parts.add(part.path("name").asText()));
				assertThat(parts.subList(parts.size() - Measure.values().length, parts.size()))
						.containsExactlyElementsOf(Arrays.stream(Measure.values()).map(Measure::code).toList());
			}
		}
	}

	@Test
	void aDeclarationMustSayWhereItIsInvoked() {
		assertThatThrownBy(() -> OperationDeclaration.population("$list", OperationDeclaration.Level.SERVER,
				Patient.class, Set.of("Patient"))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> OperationDeclaration.population("$list", OperationDeclaration.Level.TYPE, null,
				Set.of("Patient"))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> OperationDeclaration.population("list", OperationDeclaration.Level.SERVER, null,
				Set.of("Patient"))).isInstanceOf(IllegalArgumentException.class);
	}

	private static OperationDeclaration declaration(Class<?> type) {
		try {
			Field field = type.getDeclaredField("DECLARATION");
			field.setAccessible(true);
			return (OperationDeclaration) field.get(null);
		} catch (ReflectiveOperationException missing) {
			throw new AssertionError(type.getName() + " has an @Operation but no static DECLARATION", missing);
		}
	}

	/** {@code IntegerType} → {@code integer}, {@code CodeType} → {@code code}, … */
	private static String fhirType(Class<?> type) {
		String name = type.getSimpleName().replaceFirst("Type$", "");
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	private static JsonNode read(String name) throws IOException {
		return JSON.readTree(Path.of("fhir-profiles", name + ".json").toFile());
	}
}
