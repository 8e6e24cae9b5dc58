package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;

/** The value-less primitives HAPI cannot store are found as a client sends them (parsed JSON). */
class ValuelessElementsTest {
	private static final String ABSENT = "{\"extension\":[{\"url\":"
			+ "\"http://hl7.org/fhir/StructureDefinition/data-absent-reason\",\"valueCode\":\"unknown\"}]}";

	@Test
	void aTimingBoundSentAsNull_orAsOnlyAnExtension_isFound() {
		assertThat(ValuelessElements.unstorable(observation("\"start\":null"))).contains("Timing.repeat.boundsPeriod.start");
		assertThat(ValuelessElements.unstorable(observation("\"end\":null,\"_end\":" + ABSENT)))
				.contains("Timing.repeat.boundsPeriod.end");
	}

	@Test
	void aTimingBoundWithAValue_isStorable() {
		assertThat(ValuelessElements.unstorable(observation("\"start\":\"2026-01-01\""))).isEmpty();
	}

	@Test
	void aContainedBinaryWithOnlyAnExtensionForItsData_isFound() {
		IBaseResource list = parse("{\"resourceType\":\"List\",\"status\":\"current\",\"mode\":\"snapshot\",\"contained\":[{"
				+ "\"resourceType\":\"Binary\",\"id\":\"b\",\"contentType\":\"image/png\",\"data\":null,\"_data\":" + ABSENT + "}]}");
		assertThat(ValuelessElements.unstorable(list)).contains("contained Binary.data");
	}

	private static IBaseResource observation(String bounds) {
		return parse("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
				+ "\"effectiveTiming\":{\"repeat\":{\"boundsPeriod\":{" + bounds + "}}}}");
	}

	private static IBaseResource parse(String json) {
		return FhirContext.forR4Cached().newJsonParser().parseResource(json);
	}
}
