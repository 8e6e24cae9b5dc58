package nl.zorgpad.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.utilities.json.parser.JsonParser;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The package the build produces ({@code target/classes/fhir-package/zorgpad.fhir.r4.tgz}, packed at
 * process-resources) as an integrator's HL7 validator loads it: with HL7's own {@link NpmPackage}. In that
 * reader the root folder {@code package/} is called "package", {@code package/examples/} "examples".
 */
class PackageConformanceTest {
	private static final Pattern OWN_DEFINITION =
			Pattern.compile("https://zorgpad\\.nl/fhir/StructureDefinition/[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*");
	private static final ObjectMapper JSON = new ObjectMapper();

	private static NpmPackage npm;

	@BeforeAll
	static void loadTheBuiltPackage() throws IOException {
		try (InputStream archive = PackageConformanceTest.class.getClassLoader()
				.getResourceAsStream(ProfilePackage.CLASSPATH_LOCATION)) {
			assertThat(archive).as(ProfilePackage.CLASSPATH_LOCATION + " (built by mvn process-resources)").isNotNull();
			npm = NpmPackage.fromPackage(archive);
		}
	}

	@Test
	void namesItsDependencies_includingSdcForTheCalculatedExpressions() {
		assertThat(npm.name()).isEqualTo("zorgpad.fhir.r4");
		assertThat(npm.fhirVersion()).isEqualTo("4.0.1");
		assertThat(npm.dependencies()).contains("hl7.fhir.r4.core#4.0.1", "hl7.fhir.uv.sdc#3.0.0");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = {"package", "examples"})
	void listsEveryResourceFileOfAFolder_inThatFoldersIndex_withItsTypeIdAndUrl(String folderName) throws IOException {
		NpmPackage.NpmPackageFolder folder = npm.getFolders().get(folderName);
		assertThat(folder).as("folder " + folderName).isNotNull();
		byte[] indexFile = folder.fetchFile(".index.json");
		assertThat(indexFile).as(folderName + "/.index.json (scripts/package-index.py)").isNotNull();
		assertThat(folder.readIndex(JsonParser.parseObject(indexFile), new HashMap<>()))
				.as(folderName + "/.index.json is read as index-version 2").isTrue();

		Map<String, List<String>> indexed = new LinkedHashMap<>();
		for (JsonNode entry : JSON.readTree(indexFile).path("files")) {
			indexed.put(entry.path("filename").asText(), identity(entry));
		}
		Map<String, List<String>> inFolder = new LinkedHashMap<>();
		for (String file : folder.listFiles()) {
			if (file.endsWith(".json")) {
				inFolder.put(file, identity(JSON.readTree(folder.fetchFile(file))));
			}
		}

		assertThat(inFolder).isNotEmpty();
		assertThat(indexed).containsExactlyInAnyOrderEntriesOf(inFolder);
	}

	@Test
	void leavesOutTheInvalidExamples_andTheLoadOrder() throws IOException {
		assertThat(npm.getFolders().keySet()).noneMatch(folder -> folder.startsWith("examples/invalid"));
		assertThat(npm.list("examples")).isNotEmpty().doesNotContain("load-order.txt");
		assertThat(npm.list("package")).doesNotContain("load-order.txt");
	}

	@Test
	void definesEveryZorgpadStructureDefinition_theServerUses() throws IOException {
		Set<String> used = new TreeSet<>();
		for (Path root : List.of(Path.of("src", "main", "java"), Path.of("src", "main", "resources"))) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
					Matcher url = OWN_DEFINITION.matcher(text);
					while (url.find()) {
						used.add(url.group());
					}
				}
			}
		}
		List<String> packaged = new ArrayList<>();
		NpmPackage.NpmPackageFolder folder = npm.getFolders().get("package");
		for (String file : npm.listResources("StructureDefinition")) {
			packaged.add(JSON.readTree(folder.fetchFile(file)).path("url").asText());
		}

		assertThat(used).isNotEmpty();
		assertThat(packaged).containsAll(used);
	}

	/** resourceType, id and url (empty when it has none) of a resource or an index entry. */
	private static List<String> identity(JsonNode node) {
		return Stream.of("resourceType", "id", "url").map(field -> field + "=" + node.path(field).asText()).toList();
	}
}
