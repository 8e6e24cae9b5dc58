package nl.zorgpad.security;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * {@code AuditEvent} read and search, from {@link AuditStore}: the audit trail is read-only through
 * the API (no create, update or delete — the server writes it itself), newest first.
 */
final class AuditEventProvider implements IResourceProvider {
	static final int MAX_COUNT = 1000;
	private final AuditStore store;

	AuditEventProvider(AuditStore store) {
		this.store = store;
	}

	@Override
	public Class<AuditEvent> getResourceType() {
		return AuditEvent.class;
	}

	@Read
	public AuditEvent read(@IdParam IdType id) {
		if (!id.isIdPartValidLong()) {
			throw new ResourceNotFoundException(id);
		}
		return store.read(id.getIdPartAsLong()).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public List<AuditEvent> search(
			@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_ALTID) TokenParam client,
			@OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
			@OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome,
			@Count Integer count) {
		return store.search(
				patient == null ? null : "Patient/" + patient.getIdPart(),
				client == null ? null : client.getValue(),
				subtype == null ? null : subtype.getValue(),
				outcome == null ? null : outcome.getValue(),
				count == null ? 100 : Math.min(count, MAX_COUNT));
	}
}
