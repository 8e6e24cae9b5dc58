package nl.zorgpad.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * FHIR says a write whose {@code If-Match} names a version that is no longer current fails with
 * 412 Precondition Failed; HAPI answers 409 (update, patch) or ignores If-Match (delete). Translate, but only
 * HAPI's conflict for exactly that — the version named is not the current one — on a request that carried
 * If-Match: other version conflicts (concurrent writes, a resource still referenced, a value the database
 * refuses) stay 409, also when the request carried a current If-Match. A delete is checked before it is stored.
 */
final class PreconditionFailedInterceptor {
	/** HAPI's stable message codes for "not the current version": update (989), delete (961), patch (974); 550 wraps them. */
	static final Pattern STALE_VERSION = Pattern.compile("^(HAPI-0550: )?HAPI-(0989|0961|0974): ");

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException translate(
			RequestDetails request, Throwable exception, HttpServletRequest servletRequest) {
		if (exception instanceof ResourceVersionConflictException conflict
				&& request.getHeader(Constants.HEADER_IF_MATCH) != null
				&& conflict.getMessage() != null && STALE_VERSION.matcher(conflict.getMessage()).find()) {
			return new PreconditionFailedException("If-Match names version "
					+ request.getHeader(Constants.HEADER_IF_MATCH)
					+ ", which is not the current version of the resource: " + conflict.getMessage());
		}
		return null; // keep HAPI's own handling (and ErrorResponses' wording)
	}

	/**
	 * HAPI's REST delete does not read If-Match: a delete naming a version that is no longer current is refused here,
	 * after the access checks (WriteGuard), so a resource the caller may not see still answers as absent.
	 */
	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = 1000)
	public void deleting(IBaseResource current, RequestDetails request) {
		String ifMatch = request == null || request.getRestOperationType() != RestOperationTypeEnum.DELETE
				? null
				: request.getHeader(Constants.HEADER_IF_MATCH);
		String currentVersion = current.getIdElement().getVersionIdPart();
		if (ifMatch != null && currentVersion != null
				&& !currentVersion.equals(ifMatch.replaceFirst("^W/", "").replace("\"", "").trim())) {
			throw new PreconditionFailedException("If-Match names version " + ifMatch
					+ ", which is not the current version of the resource (" + currentVersion + ")");
		}
	}
}
