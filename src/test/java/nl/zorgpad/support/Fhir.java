package nl.zorgpad.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.restassured.response.Response;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Small helpers to turn HAPI model objects into request bodies and responses back into resources. */
public final class Fhir {
	public static final String JSON = "application/fhir+json";
	private static final FhirContext CONTEXT = FhirContext.forR4Cached();

	private Fhir() {}

	public static String json(IBaseResource resource) {
		return parser().encodeResourceToString(resource);
	}

	public static <T extends IBaseResource> T parse(Class<T> type, String json) {
		return parser().parseResource(type, json);
	}

	/** Parses any resource, whatever its type. */
	public static org.hl7.fhir.r4.model.Resource parse(String json) {
		return (org.hl7.fhir.r4.model.Resource) parser().parseResource(json);
	}

	public static <T extends IBaseResource> T parse(Class<T> type, Response response) {
		return parse(type, response.asString());
	}

	private static IParser parser() {
		return CONTEXT.newJsonParser();
	}
}
