package nl.zorgpad.profiles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import nl.zorgpad.support.Examples;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.ServerTest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The package is served, installed and enforced: examples accepted, invalid examples refused precisely. */
class ProfilesIT extends ServerTest {
	@Autowired
	Profiles profiles;

	@Autowired
	ProfilePackage profilePackage;

	private static final Path PROFILES = Path.of("fhir-profiles");
	private static final Path EXAMPLES = Examples.FOLDER;

	@BeforeEach
	void loadTheExampleStory() {
		fhir().body(Fhir.json(Examples.transaction())).post("/").then().statusCode(200);
	}

	@Test
	void acceptsEveryValidExample_inOneTransaction() {
		Bundle response = Fhir.parse(Bundle.class, fhir().body(Fhir.json(Examples.transaction())).post("/"));
		assertThat(response.getEntry()).allSatisfy(entry -> assertThat(entry.getResponse().getStatus()).startsWith("200"));
	}

	static Stream<Arguments> invalidExamples() throws IOException {
		List<Arguments> cases = new ArrayList<>();
		List<String> lines = Files.readAllLines(EXAMPLES.resolve("invalid/expected-errors.tsv"));
		for (String line : lines.subList(1, lines.size())) {
			if (!line.isBlank()) {
				String[] columns = line.split("\t");
				cases.add(Arguments.of(columns[0], columns[1], columns[2]));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidExamples")
	void refusesEachInvalidExample_with422NamingTheElement(String file, String expression, String message)
			throws IOException {
		Resource resource = Fhir.parse(Files.readString(EXAMPLES.resolve("invalid").resolve(file)));
		Response response = fhir().body(Fhir.json(resource))
				.put("/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart());

		response.then().statusCode(422).body("resourceType", equalTo("OperationOutcome"));
		List<String> expressions = response.jsonPath().getList("issue.expression.flatten()");
		List<String> diagnostics = response.jsonPath().getList("issue.diagnostics");
		assertThat(expressions).contains(expression);
		assertThat(String.join("\n", diagnostics)).containsIgnoringCase(message);
		fhir().get("/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart()).then().statusCode(404);
	}

	@Test
	void aTransactionWithOneNonConformingEntry_storesNothing() {
		Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
		String bsn = patient.getIdentifierFirstRep().getValue();
		Condition episode = new Condition();
		episode.getCode().addCoding(new Coding("http://hl7.org/fhir/sid/icpc-1-nl", "A05", "Kwetsbaarheid"));
		episode.setSubject(new Reference("urn:uuid:5f1c2a8e-3b0d-4c9e-9a57-0c2d7e6b1a44"));
		episode.addStage().setSummary(new CodeableConcept(
				new Coding("https://zorgpad.nl/fhir/CodeSystem/frailty-status", "zeer-kwetsbaar", null)));
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry().setFullUrl("urn:uuid:5f1c2a8e-3b0d-4c9e-9a57-0c2d7e6b1a44").setResource(patient)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		bundle.addEntry().setResource(episode).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Condition");

		Response response = fhir().body(Fhir.json(bundle)).post("/");

		response.then().statusCode(422);
		assertThat(response.asString()).contains("zeer-kwetsbaar");
		fhir().queryParam("identifier", Fixtures.BSN + "|" + bsn).queryParam("_summary", "count")
				.get("/Patient").then().body("total", equalTo(0));
	}

	@Test
	void servesProfilesWithSnapshots_andQuestionnaires_overRest() {
		fhir().queryParam("url", "https://zorgpad.nl/fhir/StructureDefinition/zp-frailty-episode")
				.get("/StructureDefinition").then().statusCode(200)
				.body("total", equalTo(1))
				.body("entry[0].resource.snapshot.element.size()", org.hamcrest.Matchers.greaterThan(10));
		fhir().get("/Questionnaire/gfi").then().statusCode(200)
				.body("url", equalTo("https://zorgpad.nl/fhir/Questionnaire/gfi"));
		fhir().get("/CodeSystem/frailty-status").then().statusCode(200);
	}

	@Test
	void listsEachProfileAsSupportedProfile_inTheCapabilityStatement() {
		fhir().get("/metadata").then().statusCode(200)
				.body("rest[0].resource.find { it.type == 'Condition' }.supportedProfile",
						hasItem("https://zorgpad.nl/fhir/StructureDefinition/zp-frailty-episode"))
				.body("rest[0].resource.find { it.type == 'Encounter' }.supportedProfile",
						hasItem("https://zorgpad.nl/fhir/StructureDefinition/zp-meeting"));
	}

	@Test
	void servesThePackage_withEveryFileOfTheFolder_butTheTestMaterial() throws IOException {
		byte[] archive = given().get("/packages/zorgpad.fhir.r4.tgz").then().statusCode(200)
				.contentType("application/gzip").extract().asByteArray();
		List<String> packed = new ArrayList<>();
		try (TarArchiveInputStream tar =
				new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				if (entry.isFile()) {
					packed.add(entry.getName());
				}
			}
		}
		List<String> inFolder;
		try (Stream<Path> files = Files.walk(PROFILES)) {
			inFolder = files.filter(Files::isRegularFile)
					.map(file -> "package/" + PROFILES.relativize(file).toString().replace('\\', '/'))
					.filter(path -> !path.startsWith("package/examples/invalid/"))
					.filter(path -> !path.equals("package/examples/load-order.txt"))
					.toList();
		}
		assertThat(packed).containsExactlyInAnyOrderElementsOf(inFolder)
				.contains("package/package.json", "package/.index.json", "package/examples/.index.json");
	}

	@Test
	void theServerEnforcesExactlyWhatItServes_eachProfileAsValidated_andEachOtherConformanceResource() throws IOException {
		byte[] archive = given().get("/packages/zorgpad.fhir.r4.tgz").then().statusCode(200).extract().asByteArray();
		Map<String, String> served = new TreeMap<>();
		try (TarArchiveInputStream tar =
				new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				String name = entry.getName().substring("package/".length());
				if (entry.isFile() && name.endsWith(".json") && !name.contains("/") && !name.equals("package.json")
						&& !name.startsWith(".")) {
					Resource resource = Fhir.parse(new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
					served.put(key(resource), Fhir.json(resource));
				}
			}
		}

		Map<String, String> enforced = new TreeMap<>();
		profiles.validator().profiles().forEach(profile -> enforced.put(key(profile), Fhir.json(profile)));
		profilePackage.conformanceResources(FhirContext.forR4Cached()).stream()
				.filter(resource -> !(resource instanceof StructureDefinition))
				.forEach(resource -> enforced.put(key(resource), Fhir.json(resource)));

		assertThat(served).hasSizeGreaterThan(20).isEqualTo(enforced);
	}

	private static String key(Resource resource) {
		return resource.fhirType() + " " + (resource instanceof MetadataResource canonical && canonical.hasUrl()
				? canonical.getUrl()
				: resource.getIdElement().getIdPart());
	}

	@Test
	void theServedProfilesCarryTheirSnapshots() throws IOException {
		byte[] archive = given().get("/packages/zorgpad.fhir.r4.tgz").then().statusCode(200).extract().asByteArray();
		List<org.hl7.fhir.r4.model.StructureDefinition> profiles = new ArrayList<>();
		try (TarArchiveInputStream tar =
				new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				if (entry.getName().startsWith("package/StructureDefinition-")) {
					profiles.add(Fhir.parse(org.hl7.fhir.r4.model.StructureDefinition.class,
							new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
				}
			}
		}
		long inFolder;
		try (Stream<Path> files = Files.list(PROFILES)) {
			inFolder = files.filter(file -> file.getFileName().toString().startsWith("StructureDefinition-")).count();
		}
		assertThat(profiles).hasSize((int) inFolder).allSatisfy(profile -> {
			assertThat(profile.getSnapshot().getElement()).as(profile.getUrl()).isNotEmpty();
			assertThat(profile.getDifferential().getElement()).as(profile.getUrl()).isNotEmpty();
		});
	}
}
