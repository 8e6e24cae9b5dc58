package nl.zorgpad.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import nl.zorgpad.security.AccessPolicy.Viewer;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.instance.model.api.IBaseParameters;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The last word on what a professional or patient sees, per resource, through HAPI's ConsentInterceptor:
 * a resource about a patient outside the caller's relation (or of a type the role may not read) is left
 * out of a search page, an {@code _include}/{@code _revinclude}, {@code $everything} or a history, and a
 * read of it answers 404 exactly as if it did not exist. A conditional create that matches it returns no
 * body. System clients are judged by their scopes alone.
 */
final class RelatedPatientsConsent implements IConsentService {
	private final Viewers viewers;
	private final Subjects subjects;

	RelatedPatientsConsent(Viewers viewers, Subjects subjects) {
		this.viewers = viewers;
		this.subjects = subjects;
	}

	@Override
	public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices services) {
		return viewers.of(request).narrowed() ? ConsentOutcome.PROCEED : ConsentOutcome.AUTHORIZED;
	}

	@Override
	public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices services) {
		return viewers.of(request).narrowed();
	}

	@Override
	public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource,
			IConsentContextServices services) {
		Viewer viewer = viewers.of(request);
		if (!viewer.narrowed() || resource instanceof IBaseBundle || resource instanceof IBaseOperationOutcome
				|| resource instanceof IBaseParameters) {
			return ConsentOutcome.PROCEED;
		}
		AccessPolicy.Subject subject = subjects.of(resource);
		if (AccessPolicy.mayRead(viewer, subject)) {
			return ConsentOutcome.PROCEED;
		}
		if (subject.type().equals(request.getResourceName())) {
			request.getUserData().put(SearchAccess.HIDDEN_MATCH, Boolean.TRUE);
		}
		return ConsentOutcome.REJECT;
	}

	@Override
	public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource,
			IConsentContextServices services) {
		return ConsentOutcome.PROCEED;
	}
}
