package nl.zorgpad.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * FHIR says a write whose {@code If-Match} names a version that is no longer current fails with
 * 412 Precondition Failed; HAPI answers 409. Translate, but only for requests that carried If-Match:
 * other version conflicts (concurrent writes) stay 409.
 */
final class PreconditionFailedInterceptor {

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException translate(
			RequestDetails request, Throwable exception, HttpServletRequest servletRequest) {
		if (exception instanceof ResourceVersionConflictException conflict
				&& request.getHeader(Constants.HEADER_IF_MATCH) != null) {
			return new PreconditionFailedException("If-Match names version "
					+ request.getHeader(Constants.HEADER_IF_MATCH)
					+ ", which is not the current version of the resource: " + conflict.getMessage());
		}
		return null; // keep HAPI's own handling
	}
}
