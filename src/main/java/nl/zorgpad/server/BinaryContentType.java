package nl.zorgpad.server;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;

/**
 * A Binary's {@code contentType} becomes an HTTP header when the Binary is served: it must be a MIME type
 * (type/subtype, optional parameters, at most 255 characters), or the Binary is refused with 400 on every
 * write path ({@link StorageInputChecks}) — a 100,000-character "content type" would otherwise break every later response for it.
 */
final class BinaryContentType {
	private static final Pattern MIME = Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}(\\s*;[^\\r\\n]*)?");

	private BinaryContentType() {}

	static void check(IBaseResource resource) {
		if (resource instanceof Binary binary && binary.getContentType() != null
				&& (binary.getContentType().length() > 255 || !MIME.matcher(binary.getContentType()).matches())) {
			throw new InvalidRequestException("Binary.contentType must be a MIME type such as application/pdf"
					+ " (at most 255 characters)");
		}
	}
}
