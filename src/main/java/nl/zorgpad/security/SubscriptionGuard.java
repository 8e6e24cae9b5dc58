package nl.zorgpad.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.zorgpad.security.AccessPolicy.Viewer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;

/**
 * A Subscription never notifies its owner of what they may not read. On every write path, before the
 * write guard: the endpoint is an http(s) URL; a professional's Subscription is narrowed to what they may see
 * — their own work ({@code Task?owner=<their fhirUser>}) or patients in their care relation
 * ({@code <Type>?patient=Patient/<id>[,…]} of a type their role reads) — and is stamped with who made it
 * (a {@code meta.tag}), so only they read, change or delete it. System clients subscribe within their scopes
 * (the scopes were checked on the Subscription's type; criteria of a type they may not read are refused here).
 */
final class SubscriptionGuard {
	static final String SUBSCRIBER = "https://zorgpad.nl/fhir/CodeSystem/subscriber";
	private static final List<String> PATIENT_PARAMETERS = List.of("patient", "subject", "for");

	private final Viewers viewers;

	SubscriptionGuard(Viewers viewers) {
		this.viewers = viewers;
	}

	/** Who made the Subscription, as stamped when it was stored. */
	static Optional<String> subscriber(Subscription subscription) {
		return subscription.getMeta().getTag().stream().filter(tag -> SUBSCRIBER.equals(tag.getSystem()))
				.map(tag -> tag.getCode()).findFirst();
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -50)
	public void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Subscription subscription) {
			check(subscription, request, null);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -50)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		if (resource instanceof Subscription subscription) {
			check(subscription, request, (Subscription) previous);
		}
	}

	private void check(Subscription subscription, RequestDetails request, Subscription previous) {
		String endpoint = subscription.getChannel().getEndpoint();
		String scheme = endpoint == null ? null : URI.create(endpoint.replace(" ", "%20")).getScheme();
		if (scheme == null || !List.of("http", "https").contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
			throw new UnprocessableEntityException("Subscription.channel.endpoint must be an http(s) URL");
		}
		Viewer viewer = request == null ? Viewer.SYSTEM : viewers.of(request);
		if (!viewer.narrowed()) {
			return;
		}
		subscription.getMeta().getTag().removeIf(tag -> SUBSCRIBER.equals(tag.getSystem()));
		String owner = previous == null ? viewer.self() : subscriber(previous).orElse(null);
		subscription.getMeta().addTag(SUBSCRIBER, owner, null); // kept on every update: the write guard checks it
		String refusal = narrowedToWhatTheViewerSees(viewer, subscription.getCriteria());
		if (refusal != null) {
			throw new ForbiddenOperationException(refusal);
		}
	}

	/** Null when the criteria stay within what the viewer may read; else why not. */
	static String narrowedToWhatTheViewerSees(Viewer viewer, String criteria) {
		String why = "A Subscription of a user must be narrowed to what you may see: Task?owner=<your fhirUser>,"
				+ " or <Type>?patient=Patient/<id> of patients in your care relation";
		if (criteria == null || !criteria.contains("?") || viewer.self() == null) {
			return why;
		}
		String type = criteria.substring(0, criteria.indexOf('?'));
		List<String[]> parameters = Arrays.stream(criteria.substring(criteria.indexOf('?') + 1).split("&"))
				.filter(parameter -> parameter.contains("=")).map(parameter -> parameter.split("=", 2)).toList();
		boolean ownWork = "Task".equals(type) && parameters.stream()
				.anyMatch(p -> "owner".equals(p[0]) && viewer.self().equals(p[1]));
		boolean relatedPatients = AccessPolicy.readableTypes(viewer.role()).contains(type) && parameters.stream()
				.filter(p -> PATIENT_PARAMETERS.contains(p[0]) || "Patient".equals(type) && "_id".equals(p[0]))
				.anyMatch(p -> Arrays.stream(p[1].split(",")).map(id -> id.replaceFirst("^Patient/", ""))
						.allMatch(viewer.patients()::contains));
		return ownWork || relatedPatients ? null : why;
	}
}
