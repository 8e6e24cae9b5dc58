package nl.zorgpad.security;

import ca.uhn.fhir.context.FhirContext;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's own append-only table, next to HAPI's: one row per access ({@link AuditRow}: the
 * columns it is searched by and the rest of what the AuditEvent shows), written in JDBC batches; the AuditEvent
 * is built from the row when read (rows written before V2 kept the event's JSON in {@code BODY}). Storing each
 * event as a HAPI resource (parsed, indexed on ~15 search parameters, versioned) cost more than the request it
 * recorded; the table also keeps the trail out of the patient compartment and out of HAPI's update/delete paths. Its tables are
 * created by Flyway ({@code db/migration/V1__audit_trail.sql}).
 */
final class AuditStore {
	private static final String INSERT = "INSERT INTO ZP_AUDIT_EVENT (RECORDED, CLIENT, AGENT, SUBTYPE, OUTCOME, WHO,"
			+ " ENTITY, ACTION, EVENT_KEY, WHO_DISPLAY, ADDRESS, OUTCOME_DESC, QUERY)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	private static final String SELECT = "SELECT ID, EVENT_KEY, BODY, RECORDED, SUBTYPE, ACTION, OUTCOME, OUTCOME_DESC,"
			+ " AGENT, WHO, WHO_DISPLAY, CLIENT, ADDRESS, ENTITY, QUERY FROM ZP_AUDIT_EVENT";

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

	/** A row as read: its id and key, the JSON of a row written before V2, else the columns. */
	private record Stored(long id, String key, String body, AuditRow row) {}

	private final JdbcTemplate jdbc;
	private final TransactionTemplate inOneCommit;
	private final FhirContext context;

	AuditStore(DataSource dataSource, FhirContext context) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.inOneCommit = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.context = context;
	}

	/**
	 * Appends the rows in one JDBC batch; every patient a row records also gets a row in
	 * {@code ZP_AUDIT_PATIENT} (joined by a key made here), so "who saw patient X" is answered for an event
	 * about thousands of patients (a population list) too. One commit: an event is never stored without its
	 * patients.
	 */
	void append(List<AuditRow> rows) {
		inOneCommit.executeWithoutResult(status -> insert(rows));
	}

	private void insert(List<AuditRow> rows) {
		List<String> keys = rows.stream().map(row -> eventKey(System.currentTimeMillis())).toList();
		jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
			@Override
			public void setValues(PreparedStatement statement, int i) throws SQLException {
				AuditRow row = rows.get(i);
				statement.setTimestamp(1, new Timestamp(row.recorded().getTime()));
				statement.setString(2, limit(row.client(), 255));
				statement.setString(3, limit(row.subject(), 255));
				statement.setString(4, row.subtype());
				statement.setString(5, row.outcome());
				statement.setString(6, limit(row.fhirUser(), 255));
				statement.setString(7, limit(row.resource(), 255));
				statement.setString(8, row.action());
				statement.setString(9, keys.get(i));
				statement.setString(10, limit(row.display(), 100));
				statement.setString(11, limit(row.address(), 64));
				statement.setString(12, limit(row.outcomeDescription(), 600));
				statement.setString(13, row.query());
			}

			@Override
			public int getBatchSize() {
				return rows.size();
			}
		});
		List<Object[]> patientRows = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			String key = keys.get(i);
			rows.get(i).patients().stream().map(patient -> limit(patient, 100)).distinct()
					.forEach(patient -> patientRows.add(new Object[] {key, patient}));
		}
		if (!patientRows.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO ZP_AUDIT_PATIENT (EVENT_KEY, PATIENT) VALUES (?, ?)", patientRows);
		}
	}

	/**
	 * The key joining an event to its patients: a UUID in version 7 layout (48 bits of the time in
	 * milliseconds first, then random bits), so its text sorts by time and the indexes on it grow at their end.
	 * Random UUIDs made every insert touch a random index page: on H2 a third of the audit writer's work was
	 * reading and rewriting those pages.
	 */
	static String eventKey(long millis) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	Optional<AuditEvent> read(long id) {
		return events(SELECT + " WHERE ID = ?", id).stream().findFirst();
	}

	/** One page of the matching events, newest first. */
	List<AuditEvent> search(Query query, int offset, int count) {
		List<Object> arguments = new ArrayList<>();
		String where = where(query, arguments);
		arguments.add(count);
		arguments.add(offset);
		return events(SELECT + where + " ORDER BY ID DESC LIMIT ? OFFSET ?", arguments.toArray());
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

	private List<AuditEvent> events(String sql, Object... arguments) {
		List<Stored> rows = jdbc.query(sql, (result, n) -> new Stored(result.getLong("ID"), result.getString("EVENT_KEY"),
				result.getString("BODY"), new AuditRow(new Date(result.getTimestamp("RECORDED").getTime()),
						result.getString("SUBTYPE"), result.getString("ACTION"), result.getString("OUTCOME"),
						result.getString("OUTCOME_DESC"), result.getString("AGENT"), result.getString("WHO"),
						result.getString("WHO_DISPLAY"), result.getString("CLIENT"), result.getString("ADDRESS"), List.of(),
						result.getString("ENTITY"), result.getString("QUERY"))), arguments);
		Map<String, List<String>> patients = patients(rows.stream()
				.filter(row -> row.body() == null && row.key() != null).map(Stored::key).toList());
		return rows.stream().map(row -> {
			AuditEvent event = row.body() != null
					? context.newJsonParser().parseResource(AuditEvent.class, row.body())
					: row.row().withPatients(patients.getOrDefault(row.key(), List.of())).toEvent();
			event.setId(new IdType("AuditEvent", Long.toString(row.id()), "1"));
			return event;
		}).toList();
	}

	/** The patients of these rows, in one query, each row's in alphabetical order. */
	private Map<String, List<String>> patients(List<String> keys) {
		Map<String, List<String>> patients = new HashMap<>();
		if (!keys.isEmpty()) {
			jdbc.query("SELECT EVENT_KEY, PATIENT FROM ZP_AUDIT_PATIENT WHERE EVENT_KEY IN ("
					+ String.join(", ", Collections.nCopies(keys.size(), "?")) + ") ORDER BY PATIENT",
					(RowCallbackHandler) result -> patients.computeIfAbsent(result.getString("EVENT_KEY"),
							key -> new ArrayList<>()).add(result.getString("PATIENT")), keys.toArray());
		}
		return patients;
	}

	private static String limit(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}
}
