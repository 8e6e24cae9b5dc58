package nl.zorgpad.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.ActiveProfilesResolver;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database the HTTP suite runs on, chosen by the system property {@code zorgpad.test.database}
 * ({@code h2}, the default, or {@code postgres}). Failsafe runs the suite once for each.
 *
 * <p>PostgreSQL is a real PostgreSQL 15 server (embedded binaries from Maven Central), started once
 * per JVM; the app runs with its {@code postgres} profile against it.
 */
public enum TestDatabase {
	H2,
	POSTGRES;

	private static EmbeddedPostgres postgres;
	/** The H2 database: in memory, unless a long run (the full odd-input corpus) asks for a file. */
	private static final String H2_URL = System.getProperty("zorgpad.test.h2.url",
			"jdbc:h2:mem:zorgpad-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");

	public static TestDatabase current() {
		return valueOf(System.getProperty("zorgpad.test.database", "h2").toUpperCase());
	}

	/** The same, as plain properties (for a second server started by a test). */
	public java.util.Map<String, Object> properties() {
		return switch (this) {
			case H2 -> java.util.Map.of("spring.datasource.url", H2_URL);
			case POSTGRES -> java.util.Map.of("spring.datasource.url", postgres().getJdbcUrl("postgres", "postgres"),
					"spring.datasource.username", "postgres", "spring.datasource.password", "");
		};
	}

	/** The properties of a new, empty database of this kind (for a test that needs a schema of its own). */
	public java.util.Map<String, Object> freshDatabase(String name) {
		return switch (this) {
			case H2 -> java.util.Map.of("spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
			case POSTGRES -> {
				try (java.sql.Connection admin = postgres().getPostgresDatabase().getConnection();
						java.sql.Statement create = admin.createStatement()) {
					create.execute("CREATE DATABASE \"" + name + "\"");
				} catch (java.sql.SQLException e) {
					throw new IllegalStateException("could not create database " + name, e);
				}
				yield java.util.Map.of("spring.datasource.url", postgres().getJdbcUrl("postgres", name),
						"spring.datasource.username", "postgres", "spring.datasource.password", "");
			}
		};
	}

	void register(DynamicPropertyRegistry registry) {
		switch (this) {
			case H2 -> registry.add("spring.datasource.url", () -> H2_URL);
			case POSTGRES -> {
				EmbeddedPostgres server = postgres();
				registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", "postgres"));
				registry.add("spring.datasource.username", () -> "postgres");
				registry.add("spring.datasource.password", () -> "");
			}
		}
	}

	private static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			} catch (IOException e) {
				throw new UncheckedIOException("could not start the embedded PostgreSQL for the tests", e);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				} catch (IOException ignored) {
					// the JVM is going away
				}
			}));
		}
		return postgres;
	}

	/** Activates the {@code postgres} Spring profile when the suite runs on PostgreSQL. */
	public static final class ProfileResolver implements ActiveProfilesResolver {
		@Override
		public String[] resolve(Class<?> testClass) {
			return current() == POSTGRES ? new String[] {"postgres"} : new String[0];
		}
	}
}
