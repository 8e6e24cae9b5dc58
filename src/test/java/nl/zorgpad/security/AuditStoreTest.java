package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail's table, on an in-memory H2 database migrated by the same Flyway scripts as the server: an
 * access is stored as columns and read back as the AuditEvent it records; rows from before the columns (their
 * JSON in BODY) still read; event keys sort by time.
 */
class AuditStoreTest {
	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private JdbcDataSource database;
	private AuditStore store;

	@BeforeEach
	void migratedDatabase() {
		database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(database).load().migrate();
		store = new AuditStore(database, FHIR);
	}

	@Test
	void aRead_isStoredAsColumns_andReadBackAsTheAuditEventItRecords() {
		Date recorded = new Date(1_795_000_000_123L);
		store.append(List.of(new AuditRow(recorded, "search-type", "R", "0", null, "gp-jansen",
				"PractitionerRole/gp-jansen", null, "his-client", "10.0.0.7", List.of("Patient/b", "Patient/a"),
				"Condition", "subject=Patient/a&code=A49.01")));

		AuditEvent event = store.search(query("Patient/a"), 0, 10).get(0);

		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
		assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
		assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
		assertThat(event.getRecorded()).isEqualTo(recorded);
		AuditEvent.AuditEventAgentComponent agent = event.getAgentFirstRep();
		assertThat(agent.getWho().getReference()).isEqualTo("PractitionerRole/gp-jansen");
		assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("gp-jansen");
		assertThat(agent.getAltId()).isEqualTo("his-client");
		assertThat(agent.getNetwork().getAddress()).isEqualTo("10.0.0.7");
		assertThat(event.getEntity()).extracting(entity -> entity.getWhat().getReference())
				.containsExactly("Patient/a", "Patient/b", null);
		AuditEvent.AuditEventEntityComponent searched = event.getEntity().get(2);
		assertThat(searched.getName()).isEqualTo("Condition");
		assertThat(new String(searched.getQuery(), StandardCharsets.UTF_8)).isEqualTo("subject=Patient/a&code=A49.01");
		assertThat(store.read(Long.parseLong(event.getIdElement().getIdPart()))).isPresent();
	}

	@Test
	void aRefusedRequest_keepsItsReason_andNamesMethodAndPath_notAResource() {
		store.append(List.of(new AuditRow(new Date(), null, "E", "4", "401 no token", null, null, "unauthenticated",
				null, "10.0.0.8", List.of(), "GET /fhir/Patient/a", null)));

		AuditEvent event = store.search(query(null), 0, 10).get(0);

		assertThat(event.getSubtype()).isEmpty();
		assertThat(event.getOutcomeDesc()).isEqualTo("401 no token");
		assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo("unauthenticated");
		assertThat(event.getAgentFirstRep().getWho().hasIdentifier()).isFalse();
		assertThat(event.getEntityFirstRep().getName()).isEqualTo("GET /fhir/Patient/a");
		assertThat(event.getEntityFirstRep().getWhat().hasReference()).isFalse();
	}

	@Test
	void aReadOfOneResource_namesItAsAReference() {
		store.append(List.of(new AuditRow(new Date(), "read", "R", "0", null, "gp", null, null, "app", null,
				List.of("Patient/a"), "Condition/7", null)));

		AuditEvent event = store.search(query("Patient/a"), 0, 10).get(0);

		assertThat(event.getEntity().get(1).getWhat().getReference()).isEqualTo("Condition/7");
		assertThat(event.getEntity().get(1).hasQuery()).isFalse();
	}

	@Test
	void aRowWrittenBeforeTheColumns_isReadFromItsJson() {
		AuditEvent old = new AuditRow(new Date(1_700_000_000_000L), "read", "R", "0", null, "gp", null, null, "app",
				null, List.of("Patient/a"), "Patient/a", null).toEvent();
		new JdbcTemplate(database).update("INSERT INTO ZP_AUDIT_EVENT (RECORDED, SUBTYPE, OUTCOME, BODY, ENTITY)"
				+ " VALUES (?, 'read', '0', ?, 'Patient/a')", new java.sql.Timestamp(1_700_000_000_000L),
				FHIR.newJsonParser().encodeResourceToString(old));

		AuditEvent event = store.search(query(null), 0, 10).get(0);

		assertThat(FHIR.newJsonParser().encodeResourceToString(event.setId((String) null)))
				.isEqualTo(FHIR.newJsonParser().encodeResourceToString(old));
	}

	@Test
	void eventKeys_sortByTheMillisecondTheyWereMade_asText() {
		long now = 1_795_000_000_000L;
		String earlier = AuditStore.eventKey(now);
		String later = AuditStore.eventKey(now + 1);
		String muchLater = AuditStore.eventKey(now + 86_400_000L);

		assertThat(earlier).isLessThan(later);
		assertThat(later).isLessThan(muchLater);
	}

	@Test
	void eventKeys_areVersion7Uuids_unique_withinOneMillisecond() {
		long now = 1_795_000_000_000L;
		var keys = IntStream.range(0, 10_000).mapToObj(i -> AuditStore.eventKey(now)).toList();

		assertThat(keys).doesNotHaveDuplicates();
		assertThat(keys).allSatisfy(key -> {
			UUID uuid = UUID.fromString(key);
			assertThat(uuid.version()).isEqualTo(7);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(now);
		});
	}

	private static AuditStore.Query query(String patient) {
		return new AuditStore.Query(patient, null, null, null, null, null, null, null, null);
	}
}
