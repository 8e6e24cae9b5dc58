package nl.zorgpad.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * The audit trail is readable only with an explicit {@code system/AuditEvent.rs} (a wildcard scope does
 * not count): requests on AuditEvent are refused (403) without it, and AuditEvents that a search,
 * {@code $everything} or {@code _revinclude} would bring along (they point at the patient) are left out
 * of the response before HAPI's authorization checks it.
 */
final class AuditEventAccess {
	private static final Set<RestOperationTypeEnum> READS = Set.of(RestOperationTypeEnum.READ,
			RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.HISTORY_TYPE,
			RestOperationTypeEnum.HISTORY_INSTANCE);

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void request(RequestDetails request, RestOperationTypeEnum operation) {
		if ("AuditEvent".equals(request.getResourceName()) && READS.contains(operation) && !mayRead()) {
			throw new ForbiddenOperationException("Reading the audit trail needs the scope system/AuditEvent.rs");
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = -100)
	public void show(IPreResourceShowDetails details) {
		if (mayRead()) {
			return;
		}
		for (int i = 0; i < details.size(); i++) {
			if (details.getResource(i) instanceof AuditEvent) {
				details.setResource(i, null);
			}
		}
	}

	private static boolean mayRead() {
		Caller caller = Caller.current();
		return caller != null
				&& caller.scopes().allowsExplicitly(SmartScopes.Context.SYSTEM, "AuditEvent", SmartScopes.Interaction.READ);
	}
}
