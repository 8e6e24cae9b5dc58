package nl.zorgpad.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The example story in fhir-profiles/examples as test material: loaded into the server as one
 * transaction (practitioners, roles and organisation are shared by the scenario tests), and used as
 * templates for new resources of another patient.
 */
public final class Examples {
	public static final Path FOLDER = Path.of("fhir-profiles", "examples");
	private static final String EXAMPLE_PATIENT = "Patient/mevrouw-jansen";

	private Examples() {}

	/** The examples as one transaction of PUTs with their own ids, in the folder's load order. */
	public static Bundle transaction() {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		try {
			for (String line : Files.readAllLines(FOLDER.resolve("load-order.txt"))) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				Resource resource = Fhir.parse(Files.readString(FOLDER.resolve(line.trim())));
				bundle.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
						.setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bundle;
	}

	/** Example {@code name} (file name without .json) without its id, about {@code patientReference}. */
	@SuppressWarnings("unchecked")
	public static <T extends Resource> T about(String name, String patientReference) {
		try {
			String json = Files.readString(FOLDER.resolve(name + ".json")).replace(EXAMPLE_PATIENT, patientReference);
			Resource resource = Fhir.parse(json);
			resource.setId((String) null);
			return (T) resource;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
