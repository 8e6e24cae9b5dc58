package nl.zorgpad.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the FHIR package the server runs on, for clients' own validators. */
@RestController
class PackageDownloadController {
	static final String PATH = "/packages/zorgpad.fhir.r4.tgz";

	private final ProfilePackage profilePackage;
	private final Profiles profiles;
	private final FhirContext context;
	private volatile byte[] served;

	PackageDownloadController(ProfilePackage profilePackage, Profiles profiles, FhirContext context) {
		this.profilePackage = profilePackage;
		this.profiles = profiles;
		this.context = context;
	}

	@GetMapping(PATH)
	ResponseEntity<byte[]> download() {
		return ResponseEntity.ok()
				.contentType(MediaType.parseMediaType("application/gzip"))
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"zorgpad.fhir.r4.tgz\"")
				.body(served());
	}

	/**
	 * The package with snapshots in its profiles — the ones the validator generated from the differentials, so
	 * a client's validator needs no snapshot generator of its own. Packed once, on the first download.
	 */
	private byte[] served() {
		byte[] archive = served;
		if (archive == null) {
			Map<String, String> paths = profilePackage.structureDefinitionPaths(context);
			Map<String, byte[]> withSnapshots = new HashMap<>();
			for (StructureDefinition profile : profiles.validator().profiles()) {
				String path = paths.get(profile.getUrl());
				if (path != null) {
					withSnapshots.put(path, context.newJsonParser().setPrettyPrint(true).encodeResourceToString(profile)
							.getBytes(StandardCharsets.UTF_8));
				}
			}
			archive = profilePackage.archiveWith(withSnapshots);
			served = archive;
		}
		return archive;
	}
}
