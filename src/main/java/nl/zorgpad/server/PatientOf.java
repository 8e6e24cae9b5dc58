package nl.zorgpad.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.util.FhirTerser;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The patient(s) a resource is <em>about</em>: the element behind the {@code patient} search parameter
 * of the type's Patient compartment (Condition.subject, Consent.patient, Appointment.participant.actor, …),
 * Task.for (Task is outside the R4 compartment), the patients an AuditEvent records, and a Patient itself. Other references (asserter,
 * performer, participant, author) never make a resource someone's data. The same element narrows searches
 * (the security package's search narrowing uses HAPI's choice of the {@code patient} parameter), and the
 * pathway rules lock the patient a guarded write is about.
 */
public final class PatientOf {
	private static final Map<String, String> OUTSIDE_COMPARTMENT = Map.of("Task", "Task.for",
			"AuditEvent", "AuditEvent.entity.what");

	private final FhirContext context;
	private final Map<String, Optional<String>> paths = new ConcurrentHashMap<>();

	public PatientOf(FhirContext context) {
		this.context = context;
	}

	/** Ids of the patients the resource is about (empty: about nobody). */
	public Set<String> about(IBaseResource resource) {
		String type = context.getResourceType(resource);
		Set<String> patients = new LinkedHashSet<>();
		if ("Patient".equals(type)) {
			if (resource.getIdElement().hasIdPart()) {
				patients.add(resource.getIdElement().getIdPart());
			}
			return patients;
		}
		Optional<String> path = paths.computeIfAbsent(type, this::path);
		if (path.isEmpty()) {
			return patients;
		}
		FhirTerser terser = context.newTerser();
		for (IBaseReference reference : terser.getValues(resource, path.get(), IBaseReference.class)) {
			IIdType id = reference.getReferenceElement();
			if (id != null && "Patient".equals(id.getResourceType()) && id.hasIdPart()) {
				patients.add(id.getIdPart());
			}
		}
		return patients;
	}

	/** The element that names the patient, without its {@code .where(resolve() is Patient)}. */
	private Optional<String> path(String type) {
		if (OUTSIDE_COMPARTMENT.containsKey(type)) {
			return Optional.of(OUTSIDE_COMPARTMENT.get(type));
		}
		RuntimeResourceDefinition definition = context.getResourceDefinition(type);
		return definition.getSearchParamsForCompartmentName("Patient").stream()
				.filter(param -> "patient".equals(param.getName()))
				.map(RuntimeSearchParam::getPath)
				.map(path -> path.contains(".where(") ? path.substring(0, path.indexOf(".where(")) : path)
				.filter(path -> !path.contains("|"))
				.findFirst();
	}
}
