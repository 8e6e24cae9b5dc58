package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.RestAssured;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.JarProcess;
import nl.zorgpad.support.Replicas;
import nl.zorgpad.support.TestDatabase;
import nl.zorgpad.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The first start of a region: two replicas (the built jar, each in a process of its own) started together on an
 * empty database of the suite's kind (H2, and a real PostgreSQL in the postgres run), and a database an earlier
 * Zorgpad made with Hibernate's {@code hbm2ddl}. Neither needs the suite's server.
 */
class FreshStartIT {

	@Test
	void twoReplicasStartedTogetherOnAnEmptyDatabase_bothServe_andEachMigrationIsAppliedOnce(@TempDir Path folder)
			throws Exception {
		Map<String, Object> database = TestDatabase.current() == TestDatabase.H2
				// an H2 file two processes may open (H2 is for one server; this only tests the start-up)
				? Map.of("spring.datasource.url", "jdbc:h2:file:" + folder.resolve("fresh").toAbsolutePath()
						+ ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000")
				: TestDatabase.current().freshDatabase(newName());
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--zorgpad.security.jwt.hmac-secret=" + Tokens.SECRET));
		if (TestDatabase.current() == TestDatabase.POSTGRES) {
			arguments.add("--spring.profiles.active=postgres");
		}
		database.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		ExecutorService starters = Executors.newFixedThreadPool(2);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<JarProcess>> starting = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			starting.add(starters.submit(() -> {
				go.await();
				return JarProcess.start(arguments);
			}));
		}
		go.countDown();
		try {
			for (Future<JarProcess> replica : starting) {
				RestAssured.given().port(replica.get(5, TimeUnit.MINUTES).port()).auth().oauth2(Tokens.system())
						.accept(Fhir.JSON).get("/fhir/Patient?_count=1").then().statusCode(200);
			}
		} finally {
			for (Future<JarProcess> replica : starting) {
				if (replica.isDone()) {
					try {
						replica.get().close();
					} catch (ExecutionException didNotStart) {
						// its failure is what the assertions above report
					}
				} else {
					replica.cancel(true);
				}
			}
			starters.shutdownNow();
		}

		JdbcTemplate jdbc = new JdbcTemplate(dataSource(database));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"" + SchemaConfig.HAPI_MIGRATION_TABLE
				+ "\" WHERE \"success\" = TRUE", Integer.class)).isGreaterThan(100);
		assertThat(jdbc.queryForList("SELECT \"version\" FROM \"" + SchemaConfig.HAPI_MIGRATION_TABLE
				+ "\" GROUP BY \"version\" HAVING COUNT(*) > 1", String.class)).isEmpty();
		assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
				+ " GROUP BY \"version\" HAVING COUNT(*) > 1", String.class)).isEmpty();
	}

	@Test
	void aDatabaseWhoseHapiTablesHibernateMade_isRefusedAtStart_sayingWhatToDoInstead() {
		Map<String, Object> database = TestDatabase.current().freshDatabase(newName());
		// the shape hbm2ddl leaves: HAPI's tables, no record of HAPI's migrations
		new JdbcTemplate(dataSource(database)).execute("CREATE TABLE HFJ_RESOURCE (RES_ID BIGINT PRIMARY KEY)");

		assertThatThrownBy(() -> Replicas.start(database).close()).getRootCause()
				.hasMessageContaining("no " + SchemaConfig.HAPI_MIGRATION_TABLE)
				.hasMessageContaining("cannot be migrated in place").hasMessageContaining("$export");
		assertThat(new JdbcTemplate(dataSource(database)).queryForObject("SELECT COUNT(*) FROM HFJ_RESOURCE", Integer.class))
				.as("left as it was").isZero();
	}

	private static String newName() {
		return "fresh_" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static DataSource dataSource(Map<String, Object> database) {
		return new DriverManagerDataSource((String) database.get("spring.datasource.url"),
				(String) database.getOrDefault("spring.datasource.username", "sa"),
				(String) database.getOrDefault("spring.datasource.password", ""));
	}
}
