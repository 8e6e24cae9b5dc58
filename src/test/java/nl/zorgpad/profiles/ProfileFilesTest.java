package nl.zorgpad.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JSON file in fhir-profiles/ (but package.json and the .index.json files) is one well-formed FHIR R4
 * resource, named after its type and id.
 */
class ProfileFilesTest {
	static final Path FOLDER = Path.of("fhir-profiles");

	static Stream<Path> resourceFiles() throws IOException {
		try (Stream<Path> files = Files.walk(FOLDER)) {
			return files.filter(Files::isRegularFile)
					.filter(file -> file.toString().endsWith(".json"))
					.filter(file -> !file.getFileName().toString().equals("package.json"))
					.filter(file -> !file.getFileName().toString().startsWith(".")) // .index.json
					.toList()
					.stream();
		}
	}

	@ParameterizedTest
	@MethodSource("resourceFiles")
	void parsesStrictly_asTheResourceItsNameSays(Path file) throws IOException {
		IParser parser = FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
		IBaseResource resource = parser.parseResource(Files.readString(file));

		String expectedName = resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
		assertThat(file.getFileName().toString()).isEqualTo(expectedName);
		boolean ownCanonical = resource instanceof MetadataResource conformance
				&& conformance.hasUrl()
				&& !conformance.getUrl().equals(ProfileSelector.ICPC);
		if (ownCanonical) {
			assertThat(((MetadataResource) resource).getUrl()).isEqualTo(
					"https://zorgpad.nl/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart());
		}
	}
}
