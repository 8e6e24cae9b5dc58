package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
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
	void anEventIsWrittenAfterTheRequest_byTheBackgroundWriter_eventsOfOneMomentInOneCommit() {
		JdbcDataSource database = database(true);
		Watched watched = new Watched(database);
		AuditTrail trail = new AuditTrail(FHIR, new AuditStore(watched.dataSource(), FHIR), true);

		for (int i = 0; i < 50; i++) {
			trail.refused(request(), 401, "no token");
		}
		assertThat(rows(database)).as("the requests returned before their events were written").isZero();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rows(database) == 50);
		trail.close();

		assertThat(watched.threads).containsOnly("zorgpad-audit");
		assertThat(watched.threads).as("connections").hasSize(1);
		assertThat(watched.commits).as("commits").hasValue(1);
		assertThat(watched.autoCommitted).as("statements committing on their own").hasValue(0);
	}

	@Test
	void anEventAndThePatientsItRecords_areStoredInOneCommit() {
		JdbcDataSource database = database(true);
		Watched watched = new Watched(database);
		AuditStore store = new AuditStore(watched.dataSource(), FHIR);

		store.append(List.of(new AuditRow(new Date(), "read", "R", "0", null, "subject", "Practitioner/x", "X",
				"client", "127.0.0.1", List.of("Patient/a", "Patient/b"), "Patient/a", null)));

		assertThat(watched.threads).as("connections").hasSize(1);
		assertThat(watched.commits).as("commits").hasValue(1);
		assertThat(watched.autoCommitted).as("statements committing on their own").hasValue(0);
		assertThat(new JdbcTemplate(database).queryForObject("SELECT COUNT(*) FROM ZP_AUDIT_PATIENT", Integer.class))
				.isEqualTo(2);
	}

	/** A data source that records which threads take connections and how many commits they make. */
	private static final class Watched {
		private final DataSource target;
		final List<String> threads = new CopyOnWriteArrayList<>();
		final AtomicInteger commits = new AtomicInteger();
		final AtomicInteger autoCommitted = new AtomicInteger();

		Watched(DataSource target) {
			this.target = target;
		}

		DataSource dataSource() {
			return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
					(proxy, method, args) -> {
						Object result = invoke(target, method, args);
						if (method.getName().equals("getConnection")) {
							threads.add(Thread.currentThread().getName());
							return connection((Connection) result);
						}
						return result;
					});
		}

		private Connection connection(Connection real) throws SQLException {
			AtomicBoolean autoCommit = new AtomicBoolean(real.getAutoCommit());
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
					(proxy, method, args) -> {
						switch (method.getName()) {
							case "setAutoCommit" -> autoCommit.set((Boolean) args[0]);
							case "commit" -> commits.incrementAndGet();
							case "prepareStatement", "createStatement" -> {
								if (autoCommit.get()) {
									autoCommitted.incrementAndGet(); // a statement that commits on its own
								}
							}
							default -> {}
						}
						return invoke(real, method, args);
					});
		}

		private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
			try {
				return method.invoke(target, args);
			} catch (java.lang.reflect.InvocationTargetException e) {
				throw e.getCause();
			}
		}
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
