package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.OfficialExamples;
import nl.zorgpad.support.ServerTest;
import org.hl7.fhir.r4.model.Binary;
import org.junit.jupiter.api.Test;

/**
 * Input we did not write: the official FHIR R4 examples, posted as they are, and generated variants of
 * them (primitives replaced by a data-absent-reason extension, wrong JSON types, unknown elements, very
 * long strings, deep nesting, invalid dates and unicode, duplicate keys, empty arrays, huge numbers,
 * references to absent resources, a profile that is only an extension). No answer may be a 5xx or show
 * a Java class, stack frame or SQL. {@code mvn verify} runs a sample ({@code -Dzorgpad.corpus=sample}: one
 * small example per resource type, variants of sixty of them); {@code scripts/odd-input.sh} runs every example
 * ({@code -Dzorgpad.corpus=full}) and prints the counts.
 */
class OddInputIT extends ServerTest {
	private static final Pattern INTERNALS = Pattern.compile(
			"(java|javax|jakarta|org\\.hibernate|org\\.springframework|org\\.h2|org\\.postgresql|ca\\.uhn\\.fhir)"
					+ "\\.[A-Za-z.]*(Exception|Error)|\\tat [a-z]+\\.|\\bSQL\\b|\\bSQLState\\b");
	private static final Set<String> CONFORMANCE = Set.of("SearchParameter", "ValueSet", "CodeSystem",
			"StructureDefinition", "ConceptMap", "CapabilityStatement", "OperationDefinition", "CompartmentDefinition",
			"NamingSystem", "ImplementationGuide", "StructureMap", "TerminologyCapabilities", "GraphDefinition",
			"MessageDefinition", "ExampleScenario");
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String DATA_ABSENT = "{\"extension\":[{\"url\":"
			+ "\"http://hl7.org/fhir/StructureDefinition/data-absent-reason\",\"valueCode\":\"unknown\"}]}";

	@Test
	void noInputGets5xx_orSeesJavaInternals() {
		boolean full = "full".equals(System.getProperty("zorgpad.corpus", "sample"));
		int[] counts = new int[6];
		List<String> failures = new ArrayList<>();
		Set<String> typesSeen = new java.util.HashSet<>();
		int[] variantsOf = {0};
		OfficialExamples.forEach((file, json) -> {
			String type = file.substring(0, Math.max(0, file.indexOf('-')));
			if (!full && (json.length() >= 200_000 || !typesSeen.add(type))) {
				return; // the sample: one small example per resource type
			}
			tryInput(file, json, counts, failures);
			if (CONFORMANCE.contains(type) || !full && variantsOf[0]++ >= 60) {
				return;
			}
			for (Map.Entry<String, UnaryOperator<String>> variant : variants().entrySet()) {
				String mutated = variant.getValue().apply(json);
				if (mutated != null && !mutated.equals(json)) {
					tryInput(file + " [" + variant.getKey() + "]", mutated, counts, failures);
				}
			}
		});
		int tried = counts[1] + counts[2] + counts[3] + counts[4] + counts[5];
		System.out.printf("odd inputs: %d tried, 2xx %d, 4xx %d, 5xx %d, answers with internals %d%n",
				tried, counts[2], counts[4], counts[5], failures.size() - counts[5]);
		assertThat(tried).isGreaterThan(full ? 5000 : 300);
		assertThat(failures).isEmpty();
	}

	@Test
	void aTimingBoundWithoutValue_isRefusedNamingTheElement() {
		for (String start : List.of("\"start\":null,\"_start\":" + DATA_ABSENT, "\"start\":null")) {
			String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
					+ "\"effectiveTiming\":{\"repeat\":{\"boundsPeriod\":{" + start + "}}}}";
			Response answer = fhir().body(observation).post("/Observation");
			assertThat(answer.statusCode()).as(start).isEqualTo(422);
			assertThat(answer.asString()).contains("Timing.repeat.boundsPeriod.start has no value");
		}
	}

	@Test
	void aContainedBinaryWhoseDataHasOnlyAnExtension_isRefusedNamingTheElement() {
		String list = "{\"resourceType\":\"List\",\"status\":\"current\",\"mode\":\"snapshot\",\"contained\":[{"
				+ "\"resourceType\":\"Binary\",\"id\":\"image\",\"contentType\":\"image/png\",\"data\":null,"
				+ "\"_data\":" + DATA_ABSENT + "}]}";
		Response answer = fhir().body(list).post("/List");
		assertThat(answer.statusCode()).isEqualTo(422);
		assertThat(answer.asString()).contains("contained Binary.data");
	}

	@Test
	void aBinaryWhoseContentTypeIsNoMimeType_isRefusedWith400_andAMimeTypeIsStored() {
		for (String contentType : List.of("not a mime type", "text/plain\r\nX-Injected: yes", "x".repeat(300) + "/y")) {
			Response answer = fhir().body(Fhir.json(binary(contentType))).post("/Binary");
			assertThat(answer.statusCode()).as(contentType).isEqualTo(400);
			assertThat(answer.asString()).contains("Binary.contentType must be a MIME type");
		}
		fhir().body(Fhir.json(binary("application/pdf"))).post("/Binary").then().statusCode(201);
	}

	private static Binary binary(String contentType) {
		return new Binary().setContentType(contentType).setData("hi".getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private void tryInput(String name, String json, int[] counts, List<String> failures) {
		Response response;
		try {
			response = post(json);
		} catch (RuntimeException noAnswer) {
			failures.add("no answer within 60 s: " + name + " (" + noAnswer.getMessage() + ")");
			return;
		}
		int status = response.statusCode();
		counts[status / 100]++;
		String body = response.asString();
		// a 2xx answer echoes the client's own resource (an example may well mention "SQL"); a refusal must not
		if (status >= 500 || status >= 300 && INTERNALS.matcher(body).find()) {
			failures.add(status + " " + name + ": " + body.substring(0, Math.min(300, body.length())));
		}
	}

	/** Where a client would send it: a transaction or batch to the base, anything else to its type. */
	private Response post(String json) {
		String type = "";
		String bundleType = "";
		try {
			JsonNode node = JSON.readTree(json);
			type = node.path("resourceType").asText("");
			bundleType = node.path("type").asText("");
		} catch (Exception notJson) {
			type = "Patient"; // unparseable text goes to a type endpoint
		}
		String path = "Bundle".equals(type) && Set.of("transaction", "batch").contains(bundleType) ? "/"
				: "/" + (type.matches("[A-Z][A-Za-z]{1,40}") ? type : "Basic");
		// a server that never finishes an answer is a failure to report, not a reason to wait for ever
		return fhir().config(io.restassured.RestAssured.config().httpClient(io.restassured.config.HttpClientConfig
				.httpClientConfig().setParam("http.socket.timeout", 60_000).setParam("http.connection.timeout", 10_000)))
				.body(json).post(path);
	}

	private static Map<String, UnaryOperator<String>> variants() {
		Map<String, UnaryOperator<String>> variants = new LinkedHashMap<>();
		variants.put("primitives absent", tree(OddInputIT::primitivesAbsent));
		variants.put("primitives null", tree(root -> everyPrimitive(root, (parent, field) -> parent.putNull(field))));
		variants.put("wrong JSON types", tree(root -> everyPrimitive(root, (parent, field) -> {
			JsonNode value = parent.get(field);
			if (value.isTextual()) {
				parent.put(field, 12345);
			} else if (value.isNumber()) {
				parent.put(field, "twelve");
			} else {
				parent.putObject(field).put("value", value.asText());
			}
		})));
		variants.put("unknown elements", tree(root -> ((ObjectNode) root).put("zorgpadUnknown", "x")
				.putObject("anotherUnknown").putArray("deeper").add(1)));
		variants.put("very long strings", tree(root -> {
			int[] made = {0};
			everyPrimitive(root, (parent, field) -> {
				if (parent.get(field).isTextual() && made[0]++ < 5) {
					parent.put(field, "x".repeat(100_000));
				}
			});
		}));
		variants.put("deep nesting", tree(root -> {
			ObjectNode extension = ((ObjectNode) root).putArray("extension").addObject();
			for (int i = 0; i < 300; i++) {
				extension.put("url", "http://example.org/nested");
				extension = extension.putArray("extension").addObject();
			}
			extension.put("url", "http://example.org/leaf").put("valueString", "bottom");
		}));
		variants.put("invalid dates and unicode", tree(root -> everyPrimitive(root, (parent, field) -> {
			if (parent.get(field).isTextual()) {
				parent.put(field, field.toLowerCase().contains("date") || field.equals("issued")
						? "2021-02-30T25:61:00+99:00" : "\uD800\uFFFF\u0000 \u202E");
			}
		})));
		variants.put("duplicate keys", json -> json.replaceFirst("\\{", "{\"id\":\"a\",\"id\":\"b\","));
		variants.put("empty arrays and objects", tree(root -> everyField(root, (parent, field) -> {
			JsonNode value = parent.get(field);
			if (value.isArray()) {
				parent.putArray(field);
			} else if (value.isObject()) {
				parent.putObject(field);
			}
		})));
		variants.put("huge numbers", tree(root -> everyPrimitive(root, (parent, field) -> {
			if (parent.get(field).isNumber()) {
				parent.set(field, JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1e400")));
			}
		})));
		variants.put("references to absent resources", tree(root -> everyField(root, (parent, field) -> {
			if ("reference".equals(field) && parent.get(field).isTextual()) {
				parent.put(field, "Patient/zp-absent-" + Math.abs(parent.get(field).asText().hashCode()));
			}
		})));
		variants.put("profile only an extension", tree(root -> {
			ObjectNode meta = ((ObjectNode) root).putObject("meta");
			meta.putArray("profile").addNull();
			meta.putArray("_profile").addObject().putArray("extension").addObject()
					.put("url", "http://hl7.org/fhir/StructureDefinition/data-absent-reason").put("valueCode", "unknown");
		}));
		variants.put("not JSON at all", json -> json.substring(0, json.length() / 2));
		return variants;
	}

	/** Every primitive value replaced by null with a data-absent-reason extension in its {@code _element}. */
	private static void primitivesAbsent(JsonNode root) {
		everyPrimitive(root, (parent, field) -> {
			if (field.startsWith("_") || "resourceType".equals(field) || "url".equals(field)) {
				return;
			}
			parent.putNull(field);
			parent.putObject("_" + field).putArray("extension").addObject()
					.put("url", "http://hl7.org/fhir/StructureDefinition/data-absent-reason").put("valueCode", "unknown");
		});
	}

	private interface FieldAction {
		void apply(ObjectNode parent, String field);
	}

	private static UnaryOperator<String> tree(java.util.function.Consumer<JsonNode> change) {
		return json -> {
			try {
				JsonNode root = JSON.readTree(json);
				change.accept(root);
				return JSON.writeValueAsString(root);
			} catch (Exception e) {
				return null;
			}
		};
	}

	/** Every primitive field below the root except resourceType (so the input still names its type). */
	private static void everyPrimitive(JsonNode root, FieldAction action) {
		everyField(root, (parent, field) -> {
			if (parent != root || !"resourceType".equals(field)) {
				if (parent.get(field).isValueNode() && !"resourceType".equals(field)) {
					action.apply(parent, field);
				}
			}
		});
	}

	private static void everyField(JsonNode node, FieldAction action) {
		if (node instanceof ObjectNode object) {
			List<String> fields = new ArrayList<>();
			object.fieldNames().forEachRemaining(fields::add);
			for (String field : fields) {
				JsonNode child = object.get(field);
				if (child.isContainerNode()) {
					everyField(child, action);
				}
				action.apply(object, field);
			}
		} else if (node instanceof ArrayNode array) {
			Iterator<JsonNode> elements = array.elements();
			while (elements.hasNext()) {
				everyField(elements.next(), action);
			}
		}
	}
}
