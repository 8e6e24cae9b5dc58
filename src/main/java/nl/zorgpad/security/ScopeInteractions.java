package nl.zorgpad.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import nl.zorgpad.security.SmartScopes.Context;
import nl.zorgpad.security.SmartScopes.Interaction;
import org.hl7.fhir.r4.model.Bundle;

/**
 * SMART v2 scope letters taken literally, which HAPI's rule builder cannot express (its "read" is read and
 * search, its "write" is create and update): {@code .s} searches but does not read by id, {@code .r} reads by
 * id but does not search, {@code .u} updates but does not create, {@code .c} creates but does not update —
 * for plain requests and for every entry of a transaction or batch. (v1 {@code read}/{@code write} grant both.)
 */
final class ScopeInteractions {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void request(RequestDetails request, RestOperationTypeEnum operation) {
		Caller caller = Caller.current();
		if (caller == null || operation == null) {
			return;
		}
		if ((operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH)
				&& request.getResource() instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				String url = entry.getRequest().getUrl();
				if (url == null || entry.getRequest().getMethod() == null) {
					continue;
				}
				String type = url.replaceFirst("^/", "").replaceFirst("[/?].*$", "");
				check(caller, type, switch (entry.getRequest().getMethod()) {
					case GET, HEAD -> url.contains("?") || !url.contains("/") ? Interaction.SEARCH : Interaction.READ;
					case POST -> Interaction.CREATE;
					case PUT, PATCH -> Interaction.UPDATE;
					case DELETE -> Interaction.DELETE;
					default -> null;
				});
			}
			return;
		}
		check(caller, request.getResourceName(), switch (operation) {
			case READ, VREAD -> Interaction.READ;
			case SEARCH_TYPE -> Interaction.SEARCH;
			case CREATE -> Interaction.CREATE;
			case UPDATE, PATCH -> Interaction.UPDATE;
			case DELETE -> Interaction.DELETE;
			default -> null;
		});
	}

	private static void check(Caller caller, String type, Interaction needed) {
		if (needed == null || type == null || type.isBlank() || type.startsWith("$")) {
			return;
		}
		SmartScopes scopes = caller.scopes();
		boolean allowed = scopes.allows(Context.SYSTEM, type, needed) || scopes.allows(Context.USER, type, needed)
				|| scopes.allows(Context.PATIENT, type, needed);
		if (!allowed) {
			throw new ForbiddenOperationException("The token's scopes do not allow " + needed.name().toLowerCase()
					+ " of " + type);
		}
	}
}
