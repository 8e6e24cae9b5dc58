package nl.zorgpad.security;

import ca.uhn.fhir.context.FhirContext;
import nl.zorgpad.security.AccessPolicy.Subject;
import nl.zorgpad.server.PatientOf;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Subscription;

/** A resource as the {@link AccessPolicy} sees it: its type, the patients it is about, whether it is a meeting. */
final class Subjects {
	private final FhirContext context;
	private final PatientOf patientOf;

	Subjects(FhirContext context) {
		this.context = context;
		this.patientOf = new PatientOf(context);
	}

	Subject of(IBaseResource resource) {
		boolean meeting = resource instanceof Encounter encounter && encounter.getType().stream()
				.flatMap(concept -> concept.getCoding().stream())
				.anyMatch(coding -> coding.getSystem() != null && coding.getSystem().endsWith("/meeting-type"));
		String id = resource.getIdElement() == null ? null : resource.getIdElement().getIdPart();
		String subscriber = resource instanceof Subscription subscription
				? SubscriptionGuard.subscriber(subscription).orElse(null) : null;
		return new Subject(context.getResourceType(resource), id, patientOf.about(resource), meeting, subscriber);
	}
}
