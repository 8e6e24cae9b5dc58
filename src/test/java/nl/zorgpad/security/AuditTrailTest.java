package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;

/** The audit trail's writer: it writes what is queued before it stops, and never loses a row silently. */
class AuditTrailTest {
	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void aCleanShutdown_writesEveryQueuedRowFirst() {
		JdbcDataSource database = database(true);
		AuditTrail trail = new AuditTrail(FHIR, new AuditStore(database, FHIR), true);

		for (int i = 0; i < 300; i++) {
			trail.refused(request(), 401, "no token");
		}
		trail.close();

		assertThat(rows(database)).isEqualTo(300);
	}

	@Test
	void aFailedWrite_isLoggedAsAnErrorNamingTheRow_andCounted() {
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		Logger logger = (Logger) LoggerFactory.getLogger(AuditTrail.class);
		logger.addAppender(log);
		try {
			AuditTrail trail = new AuditTrail(FHIR, new AuditStore(database(false), FHIR), true);

			trail.refused(request(), 413, "body too large");
			trail.close();

			assertThat(trail.failedWrites()).isEqualTo(1);
			assertThat(log.list).singleElement().satisfies(event -> {
				assertThat(event.getLevel()).isEqualTo(Level.ERROR);
				assertThat(event.getFormattedMessage()).startsWith("Could not store the AuditEvent");
			});
		} finally {
			logger.detachAppender(log);
		}
	}

	@Test
	void switchedOff_itWritesNothing() {
		JdbcDataSource database = database(true);
		AuditTrail trail = new AuditTrail(FHIR, new AuditStore(database, FHIR), false);

		trail.refused(request(), 401, "no token");
		trail.close();

		assertThat(rows(database)).isZero();
	}

	private static JdbcDataSource database(boolean migrated) {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		if (migrated) {
			Flyway.configure().dataSource(database).load().migrate();
		}
		return database;
	}

	private static int rows(JdbcDataSource database) {
		return new JdbcTemplate(database).queryForObject("SELECT COUNT(*) FROM ZP_AUDIT_EVENT", Integer.class);
	}

	private static MockHttpServletRequest request() {
		return new MockHttpServletRequest("GET", "/fhir/Patient/a");
	}
}
