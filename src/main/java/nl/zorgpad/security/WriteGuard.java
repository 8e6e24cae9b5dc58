package nl.zorgpad.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import nl.zorgpad.security.AccessPolicy.Subject;
import nl.zorgpad.security.AccessPolicy.Viewer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;

/**
 * Every write, on every path (REST, conditional, PATCH, transaction and batch entries), is judged at
 * storage by the patient(s) the resource is about ({@link AccessPolicy#mayWrite}): the stored version
 * and, for an update or delete, the version it replaces. Besides, for every caller: the audit trail is
 * written only by the server, and a Consent is never deleted (consent history stays; withdraw with a
 * new or changed Consent).
 */
final class WriteGuard {
	private final Viewers viewers;
	private final Subjects subjects;

	WriteGuard(Viewers viewers, Subjects subjects) {
		this.viewers = viewers;
		this.subjects = subjects;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		serverOnly(resource);
		noIdOfTheirChoosing(request, resource);
		check(request, resource, "create");
	}

	/**
	 * A professional or patient creates with ids the server assigns. An update of an id taken by a resource they
	 * may not see answers 404 (see {@link #hidden}); if an update of a free id created it, the two answers would
	 * tell which ids are taken. So an update ({@code PUT Type/id}, also as a transaction entry) creates nothing
	 * for them and answers the same 404; a conditional update that matches nothing still creates.
	 */
	private void noIdOfTheirChoosing(RequestDetails request, IBaseResource resource) {
		if (request != null && viewers.of(request).narrowed() && resource.getIdElement().hasIdPart()
				&& putById(request, resource.getIdElement().toUnqualifiedVersionless().getValue())) {
			throw new ResourceNotFoundException(resource.getIdElement().toUnqualifiedVersionless());
		}
	}

	private static boolean putById(RequestDetails request, String target) {
		// HAPI names the entry being processed in the request's id, also inside a transaction or batch
		RestOperationTypeEnum operation = request.getRestOperationType();
		return (operation == RestOperationTypeEnum.UPDATE || operation == RestOperationTypeEnum.TRANSACTION
				|| operation == RestOperationTypeEnum.BATCH) && request.getId() != null
				&& target.equals(request.getId().toUnqualifiedVersionless().getValue());
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		serverOnly(resource);
		hidden(request, previous);
		if (progressOnAssignedTask(request, previous, resource)) {
			return;
		}
		check(request, resource, "update");
	}

	/** The owner of a Task outside their relation reports progress (status, output, …) and changes nothing else. */
	private boolean progressOnAssignedTask(RequestDetails request, IBaseResource previous, IBaseResource resource) {
		Viewer viewer = request == null ? Viewer.SYSTEM : viewers.of(request);
		if (!(previous instanceof Task before) || !(resource instanceof Task after) || !viewer.narrowed()
				|| AccessPolicy.mayWrite(viewer, subjects.of(after), false)
				|| !AccessPolicy.mayReportProgress(viewer, subjects.of(before))) {
			return false;
		}
		if (!TaskProgress.onlyProgress(before, after)) {
			throw new ForbiddenOperationException("As the owner of this Task you may report its progress (status,"
					+ " statusReason, businessStatus, output, note, executionPeriod) but change nothing else of it");
		}
		return true;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		serverOnly(resource);
		if (resource instanceof Consent) {
			throw new MethodNotAllowedException("A Consent is never deleted: consent history is kept. Withdraw it"
					+ " with status 'inactive' or a new Consent with provision type 'deny'");
		}
		hidden(request, resource);
		check(request, resource, "delete");
	}

	private static void serverOnly(IBaseResource resource) {
		if (resource instanceof AuditEvent) {
			throw new MethodNotAllowedException("The audit trail is written by the server only");
		}
	}

	/** Changing what the caller may not see answers as if it were not there. */
	private void hidden(RequestDetails request, IBaseResource stored) {
		Viewer viewer = request == null ? Viewer.SYSTEM : viewers.of(request);
		if (viewer.narrowed() && !AccessPolicy.mayRead(viewer, subjects.of(stored))) {
			throw new AsIfAbsent.Hidden(stored.getIdElement().toUnqualifiedVersionless()); // a delete: AsIfAbsent
		}
	}

	private void check(RequestDetails request, IBaseResource resource, String interaction) {
		Viewer viewer = request == null ? Viewer.SYSTEM : viewers.of(request);
		if (!viewer.narrowed()) {
			return;
		}
		Subject subject = subjects.of(resource);
		boolean listedHere = resource instanceof Patient patient && patient.getGeneralPractitioner().stream()
				.anyMatch(practice -> viewer.listings().contains(practice.getReferenceElement().toUnqualifiedVersionless()
						.getValue()));
		if (!AccessPolicy.mayWrite(viewer, subject, listedHere)) {
			throw new ForbiddenOperationException("Not allowed to " + interaction + " this " + subject.type()
					+ ": it is not about a patient in your care relationship (or not of a type your role may write)");
		}
	}
}
