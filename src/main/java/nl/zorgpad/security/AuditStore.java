package nl.zorgpad.security;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The audit trail's own append-only table, next to HAPI's: one row per AuditEvent (its JSON plus the
 * columns it is searched by), written in JDBC batches. Storing each event as a HAPI resource (parsed,
 * indexed on ~15 search parameters, versioned) cost more than the request it recorded; the table
 * also keeps the trail out of the patient compartment and out of HAPI's update/delete paths. Its tables are
 * created by Flyway ({@code db/migration/V1__audit_trail.sql}).
 */
final class AuditStore {
	private static final String INSERT = "INSERT INTO ZP_AUDIT_EVENT (RECORDED, PATIENTS, CLIENT, AGENT, SUBTYPE,"
			+ " OUTCOME, BODY, WHO, ENTITY, ACTION, EVENT_KEY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	private static final String SELECT = "SELECT ID, BODY FROM ZP_AUDIT_EVENT";

	/**
	 * What an audit search asks; null criteria match everything.
	 *
	 * @param patient {@code Patient/…} the event is about
	 * @param client the client id (altid)
	 * @param agent the {@code fhirUser} ({@code PractitionerRole/…}) or token subject of the requester
	 * @param entity the resource accessed ({@code Condition/…}) or the resource type searched
	 * @param from earliest recorded time (inclusive)
	 * @param to latest recorded time (exclusive)
	 */
	record Query(String patient, String client, String agent, String entity, String subtype, String action,
			String outcome, Date from, Date to) {}

	private final JdbcTemplate jdbc;
	private final FhirContext context;

	AuditStore(DataSource dataSource, FhirContext context) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.context = context;
	}

	/**
	 * Appends the events in one JDBC batch; every patient an event records also gets a row in
	 * {@code ZP_AUDIT_PATIENT} (joined by a key made here), so "who saw patient X" is answered for an event
	 * about thousands of patients (a population list) too.
	 */
	void append(List<AuditEvent> events) {
		List<String> keys = events.stream().map(event -> java.util.UUID.randomUUID().toString()).toList();
		jdbc.batchUpdate(INSERT, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
			@Override
			public void setValues(java.sql.PreparedStatement statement, int i) throws java.sql.SQLException {
				AuditEvent event = events.get(i);
				AuditEvent.AuditEventAgentComponent agent = event.getAgentFirstRep();
				statement.setTimestamp(1, new Timestamp(event.getRecorded().getTime()));
				statement.setString(2, patients(event));
				statement.setString(3, limit(agent.getAltId(), 255));
				statement.setString(4, limit(agent.getWho().getIdentifier().getValue(), 255));
				statement.setString(5, event.getSubtypeFirstRep().getCode());
				statement.setString(6, event.getOutcome() == null ? null : event.getOutcome().toCode());
				statement.setString(7, context.newJsonParser().encodeResourceToString(event));
				statement.setString(8, limit(agent.getWho().getReference(), 255));
				statement.setString(9, limit(entity(event), 255));
				statement.setString(10, event.getAction() == null ? null : event.getAction().toCode());
				statement.setString(11, keys.get(i));
			}

			@Override
			public int getBatchSize() {
				return events.size();
			}
		});
		List<Object[]> patientRows = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			String key = keys.get(i);
			patientReferences(events.get(i)).forEach(patient -> patientRows.add(new Object[] {key, patient}));
		}
		if (!patientRows.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO ZP_AUDIT_PATIENT (EVENT_KEY, PATIENT) VALUES (?, ?)", patientRows);
		}
	}

	Optional<AuditEvent> read(long id) {
		return jdbc.query(SELECT + " WHERE ID = ?", mapper(), id).stream().findFirst();
	}

	/** One page of the matching events, newest first. */
	List<AuditEvent> search(Query query, int offset, int count) {
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		arguments.add(count);
		arguments.add(offset);
		return jdbc.query(SELECT + where + " ORDER BY ID DESC LIMIT ? OFFSET ?", mapper(), arguments.toArray());
	}

	int count(Query query) {
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM ZP_AUDIT_EVENT" + where, Integer.class,
				arguments.toArray());
		return count == null ? 0 : count;
	}

	private static String where(Query query, List<Object> arguments) {
		StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
		if (query.patient() != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM ZP_AUDIT_PATIENT p WHERE p.EVENT_KEY = ZP_AUDIT_EVENT.EVENT_KEY"
					+ " AND p.PATIENT = ?)");
			arguments.add(query.patient());
		}
		equal(sql, arguments, "CLIENT", query.client());
		if (query.agent() != null) {
			sql.append(" AND (WHO = ? OR AGENT = ?)");
			arguments.add(query.agent());
			arguments.add(query.agent());
		}
		equal(sql, arguments, "ENTITY", query.entity());
		equal(sql, arguments, "SUBTYPE", query.subtype());
		equal(sql, arguments, "ACTION", query.action());
		equal(sql, arguments, "OUTCOME", query.outcome());
		if (query.from() != null) {
			sql.append(" AND RECORDED >= ?");
			arguments.add(new Timestamp(query.from().getTime()));
		}
		if (query.to() != null) {
			sql.append(" AND RECORDED < ?");
			arguments.add(new Timestamp(query.to().getTime()));
		}
		return sql.toString();
	}

	private static void equal(StringBuilder sql, List<Object> arguments, String column, String value) {
		if (value != null) {
			sql.append(" AND ").append(column).append(" = ?");
			arguments.add(value);
		}
	}

	private RowMapper<AuditEvent> mapper() {
		return (row, n) -> {
			AuditEvent event = context.newJsonParser().parseResource(AuditEvent.class, row.getString("BODY"));
			event.setId(new IdType("AuditEvent", Long.toString(row.getLong("ID")), "1"));
			return event;
		};
	}

	private static List<String> patientReferences(AuditEvent event) {
		return event.getEntity().stream()
				.filter(entity -> "1".equals(entity.getRole().getCode()) && entity.getWhat().hasReference())
				.map(entity -> limit(entity.getWhat().getReference(), 100))
				.distinct().toList();
	}

	/** " Patient/1 Patient/2 " (at most 4,000 characters; the searchable list is ZP_AUDIT_PATIENT). */
	private static String patients(AuditEvent event) {
		StringBuilder patients = new StringBuilder(" ");
		event.getEntity().stream()
				.filter(entity -> entity.getRole().getCode() != null && entity.getRole().getCode().equals("1"))
				.forEach(entity -> patients.append(entity.getWhat().hasReference()
						? entity.getWhat().getReference() : entity.getWhat().getDisplay()).append(' '));
		return limit(patients.toString(), 4000);
	}

	/** The resource accessed ({@code Condition/1}), or the type searched ({@code Condition}). */
	private static String entity(AuditEvent event) {
		return event.getEntity().stream()
				.filter(entity -> "4".equals(entity.getRole().getCode()))
				.map(entity -> entity.getWhat().hasReference() ? entity.getWhat().getReference() : entity.getName())
				.filter(java.util.Objects::nonNull)
				.findFirst().orElse(null);
	}

	private static String limit(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}
}
