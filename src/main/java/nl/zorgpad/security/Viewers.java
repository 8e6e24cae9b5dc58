package nl.zorgpad.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Set;
import nl.zorgpad.security.AccessPolicy.Role;
import nl.zorgpad.security.AccessPolicy.Viewer;
import nl.zorgpad.security.SmartScopes.Context;

/**
 * The caller of a request as the {@link AccessPolicy} sees it, worked out once per request (the care
 * relations are read from the database) and kept with the request for every hook that needs it.
 */
final class Viewers {
	private static final String KEY = Viewers.class.getName();

	private final CareRelations relations;

	Viewers(CareRelations relations) {
		this.relations = relations;
	}

	Viewer of(RequestDetails request) {
		if (request instanceof SystemRequestDetails) {
			return Viewer.SYSTEM; // the server's own work (start-up, derived resources)
		}
		Object known = request.getUserData().get(KEY);
		if (known instanceof Viewer viewer) {
			return viewer;
		}
		Viewer viewer = of(Caller.current());
		request.getUserData().put(KEY, viewer);
		return viewer;
	}

	Viewer of(Caller caller) {
		if (caller == null) {
			return Viewer.NOBODY;
		}
		SmartScopes scopes = caller.scopes();
		if (scopes.has(Context.SYSTEM)) {
			return Viewer.SYSTEM;
		}
		if (scopes.has(Context.USER)) {
			return user(caller.fhirUser());
		}
		if (scopes.has(Context.PATIENT) && caller.patientId() != null) {
			return new Viewer(Role.PATIENT, Set.of(caller.patientId()), Set.of());
		}
		return Viewer.NOBODY;
	}

	/** A professional ({@code Practitioner/…} or {@code PractitionerRole/…}) as related to patients now. */
	Viewer user(String fhirUser) {
		CareRelations.Relation relation = relations.of(fhirUser);
		if (relation == CareRelations.Relation.NONE) {
			return Viewer.NOBODY;
		}
		return new Viewer(relation.socialDomain() ? Role.SOCIAL_DOMAIN : Role.PROFESSIONAL, relation.patients(),
				relation.listings(), relation.work(), fhirUser);
	}
}
