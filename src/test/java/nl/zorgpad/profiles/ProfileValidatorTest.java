package nl.zorgpad.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {
	private static final FhirContext FHIR = FhirContext.forR4Cached();
	/** The validator with one code system of ours (and its value set), as the package gives it. */
	private final ProfileValidator profiles = new ProfileValidator(FHIR,
			List.of(ours("CodeSystem-meeting-type.json"), ours("ValueSet-meeting-type.json")));

	@Test
	void eachThreadKeepsItsOwnInstanceValidator_forFiveHundredUses_thenGetsANewOne() throws Exception {
		InstanceValidator first = profiles.validator();
		for (int use = 2; use <= 500; use++) {
			assertThat(profiles.validator()).as("use " + use).isSameAs(first);
		}
		InstanceValidator fromAnotherThread = CompletableFuture.supplyAsync(profiles::validator).get();

		assertThat(fromAnotherThread).isNotSameAs(first);
		assertThat(profiles.validator()).as("use 501").isNotSameAs(first);
	}

	@Test
	void codesOfSnomedOrLoinc_areWarnings_whileAnUnknownCodeOfOurOwnSystemIsAnError() {
		DiagnosticReport loinc = new DiagnosticReport().setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
				.setCode(concept("http://loinc.org", "8480-6")); // preferred binding to LOINC's report codes
		Encounter snomed = encounter().addReasonCode(concept("http://snomed.info/sct", "404684003"));
		Encounter unknownMeeting = encounter().addType(concept("https://zorgpad.nl/fhir/CodeSystem/meeting-type", "no-such"));

		assertThat(issues(loinc, IssueSeverity.ERROR)).isEmpty();
		assertThat(issues(loinc, IssueSeverity.WARNING)).anyMatch(message -> message.contains("http://loinc.org"));
		assertThat(issues(snomed, IssueSeverity.ERROR)).isEmpty();
		assertThat(issues(snomed, IssueSeverity.WARNING)).anyMatch(message -> message.contains("http://snomed.info/sct"));
		assertThat(issues(unknownMeeting, IssueSeverity.ERROR)).anyMatch(message -> message.contains("meeting-type#no-such"));
	}

	private List<String> issues(Resource resource, IssueSeverity severity) {
		return profiles.validate(resource, List.of()).stream()
				.filter(message -> message.getLevel() == severity
						|| severity == IssueSeverity.ERROR && message.getLevel() == IssueSeverity.FATAL)
				.map(ValidationMessage::getMessage).toList();
	}

	private static Encounter encounter() {
		Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
		encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
		return encounter;
	}

	private static CodeableConcept concept(String system, String code) {
		return new CodeableConcept(new Coding(system, code, null));
	}

	private static Resource ours(String file) {
		try {
			return (Resource) FHIR.newJsonParser().parseResource(Files.readString(Path.of("fhir-profiles", file)));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
