package nl.zorgpad.security;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * One access as the audit trail records it: the columns of {@code ZP_AUDIT_EVENT} and the patients of
 * {@code ZP_AUDIT_PATIENT}. The request thread fills it in, the writer stores it as it is, and the FHIR
 * AuditEvent is built from it only when somebody reads the trail ({@link #toEvent}) — encoding every event
 * as JSON when it was written was half of the audit writer's work (JFR under wrk, issue 15).
 *
 * @param recorded when
 * @param subtype the RESTful interaction ({@code read}, {@code search-type}, …); none for a refused request
 * @param action C, R, U, D or E
 * @param outcome 0 (success), 4 (refused: the client's fault) or 8 (server fault)
 * @param outcomeDescription why it was refused, or what it amounted to
 * @param subject the token's subject
 * @param fhirUser the token's {@code fhirUser} ({@code PractitionerRole/…}, {@code Patient/…})
 * @param display who, when there is no token ("unauthenticated", or security switched off)
 * @param client the token's client id
 * @param address the caller's network address
 * @param patients {@code Patient/…} the access touched
 * @param resource what was accessed: {@code Condition/1}, the type searched ({@code Condition}), or for a request
 *     refused before HAPI saw it, its method and path
 * @param query the query string as sent
 */
record AuditRow(Date recorded, String subtype, String action, String outcome, String outcomeDescription,
		String subject, String fhirUser, String display, String client, String address, List<String> patients,
		String resource, String query) {
	private static final String TOKEN_SUBJECT = "https://zorgpad.nl/fhir/NamingSystem/token-subject";
	private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
	private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";

	AuditRow {
		patients = List.copyOf(patients);
	}

	/** The same access with other patients (as read back from {@code ZP_AUDIT_PATIENT}). */
	AuditRow withPatients(List<String> others) {
		return new AuditRow(recorded, subtype, action, outcome, outcomeDescription, subject, fhirUser, display, client,
				address, others, resource, query);
	}

	/** {@code Condition/1} is a reference to what was read; {@code Condition} or {@code GET /fhir/x} is a name. */
	private boolean resourceIsReference() {
		return resource != null && resource.indexOf('/') > 0 && resource.indexOf(' ') < 0;
	}

	AuditEvent toEvent() {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
		if (subtype != null) {
			event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", subtype, null));
		}
		event.setAction(AuditEvent.AuditEventAction.fromCode(action));
		event.setRecorded(recorded);
		event.setOutcome(AuditEvent.AuditEventOutcome.fromCode(outcome));
		event.setOutcomeDesc(outcomeDescription);
		AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
		Reference who = new Reference().setReference(fhirUser).setDisplay(display);
		if (subject != null) {
			who.setIdentifier(new Identifier().setSystem(TOKEN_SUBJECT).setValue(subject));
		}
		agent.setWho(who).setAltId(client);
		if (address != null) {
			agent.getNetwork().setAddress(address).setType(AuditEvent.AuditEventAgentNetworkType._2);
		}
		event.getSource().setSite("Zorgpad").getObserver().setDisplay("Zorgpad FHIR server");
		for (String patient : patients) {
			event.addEntity().setWhat(new Reference(patient))
					.setType(new Coding(ENTITY_TYPE, "1", "Person"))
					.setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
		}
		AuditEvent.AuditEventEntityComponent what = event.addEntity()
				.setType(new Coding(ENTITY_TYPE, "2", "System Object"))
				.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
		if (resourceIsReference()) {
			what.setWhat(new Reference(resource));
		} else {
			what.setName(resource);
		}
		if (query != null) {
			what.setQuery(query.getBytes(StandardCharsets.UTF_8)); // base64Binary: HAPI encodes the bytes
		}
		return event;
	}
}
