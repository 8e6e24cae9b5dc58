package nl.zorgpad.profiles;

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

	PackageDownloadController(ProfilePackage profilePackage) {
		this.profilePackage = profilePackage;
	}

	@GetMapping(PATH)
	ResponseEntity<byte[]> download() {
		return ResponseEntity.ok()
				.contentType(MediaType.parseMediaType("application/gzip"))
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"zorgpad.fhir.r4.tgz\"")
				.body(profilePackage.archive());
	}
}
