package nl.zorgpad.pathway;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The other entries of the transaction or batch a write belongs to (empty for a plain REST write).
 * HAPI rewrites {@code urn:uuid:} references as it stores entries; references to entries not yet
 * stored are matched through their {@code fullUrl}.
 */
final class RequestBundle {
	private static final RequestBundle NONE = new RequestBundle(new Bundle());
	private final Bundle bundle;

	private RequestBundle(Bundle bundle) {
		this.bundle = bundle;
	}

	static final String KEY = RequestBundle.class.getName();

	/** Remembers the Bundle of a transaction or batch for the writes HAPI makes while processing it. */
	static void remember(IBaseBundle bundle, RequestDetails request) {
		if (request != null && bundle instanceof Bundle r4) {
			request.getUserData().put(KEY, r4);
		}
	}

	static RequestBundle of(RequestDetails request) {
		Object remembered = request == null ? null : request.getUserData().get(KEY);
		return remembered instanceof Bundle bundle ? new RequestBundle(bundle) : NONE;
	}

	/** The resources this Bundle stores: entries that create or update (a GET, DELETE or PATCH stores no body). */
	<T extends Resource> List<T> resources(Class<T> type) {
		return bundle.getEntry().stream()
				.filter(entry -> entry.getRequest().getMethod() == Bundle.HTTPVerb.POST
						|| entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT)
				.map(Bundle.BundleEntryComponent::getResource)
				.filter(type::isInstance)
				.map(type::cast)
				.toList();
	}

	/** Whether two references point at the same resource, also when one is still a bundle-local urn:uuid. */
	boolean sameReference(String a, String b) {
		if (a == null || b == null) {
			return false;
		}
		return Objects.equals(resolve(a), resolve(b));
	}

	private String resolve(String reference) {
		if (reference.startsWith("urn:uuid:") || reference.startsWith("urn:oid:")) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (reference.equals(entry.getFullUrl()) && entry.getResource() != null
						&& entry.getResource().getIdElement().hasIdPart()
						&& !entry.getResource().getIdElement().getValue().startsWith("urn:")) {
					return entry.getResource().getIdElement().toUnqualifiedVersionless().getValue();
				}
			}
			return reference;
		}
		return reference.replaceAll("/_history/.*$", "").replaceAll("^.*/(\\w+/[^/]+)$", "$1");
	}
}
