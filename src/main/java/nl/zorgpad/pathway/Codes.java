package nl.zorgpad.pathway;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import java.util.List;

/** Reading Zorgpad codes and dates out of FHIR resources. */
final class Codes {
	static final String BASE = "https://zorgpad.nl/fhir/CodeSystem/";
	static final String ICPC = "http://hl7.org/fhir/sid/icpc-1-nl";
	static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

	private Codes() {}

	/** The code from our code system {@code id} in any of the concepts, if present. */
	static Optional<String> code(List<CodeableConcept> concepts, String codeSystemId) {
		return concepts.stream().flatMap(concept -> concept.getCoding().stream())
				.filter(coding -> (BASE + codeSystemId).equals(coding.getSystem()))
				.map(Coding::getCode)
				.findFirst();
	}

	/** Every code of the code system, in order, without repeats: a resource coded twice counts as both. */
	static List<String> codes(List<CodeableConcept> concepts, String codeSystemId) {
		return concepts.stream().flatMap(concept -> concept.getCoding().stream())
				.filter(coding -> (BASE + codeSystemId).equals(coding.getSystem()) && coding.getCode() != null)
				.map(Coding::getCode)
				.distinct()
				.toList();
	}

	static Optional<String> code(CodeableConcept concept, String codeSystemId) {
		return code(List.of(concept), codeSystemId);
	}

	static boolean hasIcpc(CodeableConcept concept, String... codes) {
		return concept.getCoding().stream().anyMatch(coding -> ICPC.equals(coding.getSystem())
				&& List.of(codes).contains(coding.getCode()));
	}

	static LocalDate day(Date date) {
		return date == null ? null : date.toInstant().atZone(NETHERLANDS).toLocalDate();
	}

	static LocalDate today() {
		return LocalDate.now(NETHERLANDS);
	}
}
