package nl.zorgpad.fhir;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.zorgpad.rules.Programme;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Reading Zorgpad codes, references and days out of FHIR resources; used by every concept's mapper. */
public final class Codes {
	public static final String BASE = "https://zorgpad.nl/fhir/CodeSystem/";
	public static final String ICPC = "http://hl7.org/fhir/sid/icpc-1-nl";

	private Codes() {}

	/** The code from our code system {@code id} in any of the concepts, if present. */
	public static Optional<String> code(List<CodeableConcept> concepts, String codeSystemId) {
		return concepts.stream().flatMap(concept -> concept.getCoding().stream())
				.filter(coding -> (BASE + codeSystemId).equals(coding.getSystem()))
				.map(Coding::getCode)
				.findFirst();
	}

	/** Every code of the code system, in order, without repeats: a resource coded twice counts as both. */
	public static List<String> codes(List<CodeableConcept> concepts, String codeSystemId) {
		return concepts.stream().flatMap(concept -> concept.getCoding().stream())
				.filter(coding -> (BASE + codeSystemId).equals(coding.getSystem()) && coding.getCode() != null)
				.map(Coding::getCode)
				.distinct()
				.toList();
	}

	public static Optional<String> code(CodeableConcept concept, String codeSystemId) {
		return code(List.of(concept), codeSystemId);
	}

	public static boolean hasIcpc(CodeableConcept concept, String... codes) {
		return concept.getCoding().stream().anyMatch(coding -> ICPC.equals(coding.getSystem())
				&& List.of(codes).contains(coding.getCode()));
	}

	/** The day (in the Netherlands) of an instant; null for null. */
	public static LocalDate day(Date date) {
		return date == null ? null : date.toInstant().atZone(Programme.ZONE).toLocalDate();
	}

	/** {@code Type/id} of a resource, without base or version. */
	public static String key(Resource resource) {
		return resource.getIdElement().toUnqualifiedVersionless().getValue();
	}

	/** {@code Type/id} a reference points at, without base or version; null when it names no resource. */
	public static String key(Reference reference) {
		if (reference == null || reference.getReference() == null) {
			return null;
		}
		IdType id = new IdType(reference.getReference());
		return id.hasResourceType() && id.hasIdPart() ? id.toUnqualifiedVersionless().getValue() : null;
	}

	/** How a reference is shown: its display, else the reference itself. */
	public static String shown(Reference reference) {
		return reference.hasDisplay() ? reference.getDisplay() : reference.getReference();
	}
}
