package nl.zorgpad.security;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * {@code AuditEvent} read and search, from {@link AuditStore}: the audit trail is read-only through
 * the API (no create, update or delete — the server writes it itself), newest first, paged with
 * {@code _count} (≤ {@value #MAX_COUNT}) and {@code _offset}. It answers "who saw patient X in period Y":
 * {@code AuditEvent?patient=Patient/X&date=ge2026-01-01&date=lt2026-07-01}, and also by {@code agent},
 * {@code entity}, {@code subtype}, {@code action}, {@code outcome} and {@code altid} (client).
 */
final class AuditEventProvider implements IResourceProvider {
	static final int MAX_COUNT = 1000;
	private static final int DEFAULT_COUNT = 100;
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
	public IBundleProvider search(
			@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_ALTID) TokenParam client,
			@OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
			@OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceParam entity,
			@OptionalParam(name = AuditEvent.SP_TYPE) TokenParam type,
			@OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
			@OptionalParam(name = AuditEvent.SP_ACTION) TokenParam action,
			@OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome,
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
			@Count Integer count,
			@Offset Integer offset) {
		if (type != null && !"rest".equals(type.getValue())) {
			return new SimpleBundleProvider(); // every event recorded here is a RESTful interaction
		}
		AuditStore.Query query = new AuditStore.Query(
				patient == null ? null : "Patient/" + patient.getIdPart(),
				value(client),
				agent == null ? null : agent.getValue(),
				entity == null ? null : entity.getValue(),
				value(subtype), value(action), value(outcome),
				date == null ? null : date.getLowerBoundAsInstant(),
				date == null || date.getUpperBoundAsInstant() == null ? null
						: new java.util.Date(date.getUpperBoundAsInstant().getTime() + 1));
		int from = offset == null ? 0 : Math.max(0, offset);
		int size = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT));
		SimpleBundleProvider page = new SimpleBundleProvider(store.search(query, from, size));
		page.setSize(store.count(query));
		page.setCurrentPageOffset(from); // offset paging: HAPI links next/previous pages with _offset
		page.setCurrentPageSize(size);
		return page;
	}

	private static String value(TokenParam token) {
		return token == null ? null : token.getValue();
	}
}
