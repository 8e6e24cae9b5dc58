package nl.zorgpad.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Set;

/**
 * The audit trail is readable only with an explicit {@code system/AuditEvent.rs} (a wildcard scope does
 * not count): requests on AuditEvent are refused (403) without it. A patient with an explicit
 * {@code patient/AuditEvent.rs} searches who accessed her own record ({@link SearchAccess} narrows the
 * search to her, {@link RelatedPatientsConsent} shows only events about her alone).
 */
final class AuditEventAccess {
	private static final Set<RestOperationTypeEnum> READS = Set.of(RestOperationTypeEnum.READ,
			RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.HISTORY_TYPE,
			RestOperationTypeEnum.HISTORY_INSTANCE);

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void request(RequestDetails request, RestOperationTypeEnum operation) {
		if ("AuditEvent".equals(request.getResourceName()) && READS.contains(operation) && !mayRead()
				&& !(operation == RestOperationTypeEnum.SEARCH_TYPE && patientSearchesHerOwn())) {
			throw new ForbiddenOperationException("Reading the audit trail needs the scope system/AuditEvent.rs");
		}
	}

	private static boolean patientSearchesHerOwn() {
		Caller caller = Caller.current();
		return caller != null && caller.patientId() != null && !caller.scopes().has(SmartScopes.Context.SYSTEM)
				&& !caller.scopes().has(SmartScopes.Context.USER)
				&& caller.scopes().allowsExplicitly(SmartScopes.Context.PATIENT, "AuditEvent", SmartScopes.Interaction.SEARCH);
	}

	private static boolean mayRead() {
		Caller caller = Caller.current();
		return caller != null
				&& caller.scopes().allowsExplicitly(SmartScopes.Context.SYSTEM, "AuditEvent", SmartScopes.Interaction.READ);
	}
}
