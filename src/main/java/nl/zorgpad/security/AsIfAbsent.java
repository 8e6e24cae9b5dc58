package nl.zorgpad.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.BaseStorageDao;
import ca.uhn.fhir.model.api.StorageResponseCodeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.OperationOutcomeUtil;
import java.io.IOException;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;

/**
 * A {@code DELETE Type/id} of a resource the caller may not see answers what HAPI answers for an id that does
 * not exist (200, "Not deleted, resource … does not exist."), so the answer tells nothing about the id. The
 * delete itself is stopped at storage ({@link WriteGuard}) with {@link Hidden}. Inside a transaction that
 * fails the whole Bundle with a 404, so there a {@code DELETE Type/id} entry of a professional or patient whose
 * target does not exist (or no longer) fails it with the same 404.
 */
final class AsIfAbsent {
	/** The resource is there but not for this caller: a 404 wherever it is not answered as absent. */
	static final class Hidden extends ResourceNotFoundException {
		private final transient IIdType id;

		Hidden(IIdType id) {
			super(id);
			this.id = id;
		}
	}

	private static final String NOT_EXISTING = "deleteResourceNotExisting";

	private final FhirContext context;
	private final DaoRegistry daos;
	private final Viewers viewers;

	AsIfAbsent(FhirContext context, DaoRegistry daos, Viewers viewers) {
		this.context = context;
		this.daos = daos;
		this.viewers = viewers;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void deletesInATransaction(RequestDetails request) {
		if (request.getRestOperationType() != RestOperationTypeEnum.TRANSACTION
				|| !(request.getResource() instanceof Bundle bundle) || !viewers.of(request).narrowed()) {
			return;
		}
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			IdType target = new IdType(entry.getRequest().getUrl());
			if (entry.getRequest().getMethod() == Bundle.HTTPVerb.DELETE && target.hasResourceType()
					&& target.hasIdPart() && !entry.getRequest().getUrl().contains("?")
					&& daos.isResourceTypeSupported(target.getResourceType())) {
				try {
					daos.getResourceDao(target.getResourceType()).read(target, new SystemRequestDetails());
				} catch (ResourceNotFoundException | ResourceGoneException absent) {
					throw new ResourceNotFoundException(target.toUnqualifiedVersionless());
				}
			}
		}
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean deleteOfAHiddenResource(RequestDetails request, BaseServerResponseException exception)
			throws IOException {
		if (!(exception instanceof Hidden hidden) || request.getRestOperationType() != RestOperationTypeEnum.DELETE) {
			return true;
		}
		IBaseOperationOutcome outcome = OperationOutcomeUtil.newInstance(context);
		StorageResponseCodeEnum code = StorageResponseCodeEnum.SUCCESSFUL_DELETE_NOT_FOUND;
		OperationOutcomeUtil.addIssue(context, outcome, "information",
				context.getLocalizer().getMessage(BaseStorageDao.class, NOT_EXISTING, hidden.id), null, "informational",
				code.getSystem(), code.getCode(), code.getDisplay());
		RestfulServerUtils.streamResponseAsResource(request.getServer(), outcome, Set.of(), 200, false, false, request);
		return false;
	}
}
