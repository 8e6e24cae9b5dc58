package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Replicas;
import nl.zorgpad.support.TestDatabase;
import nl.zorgpad.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The first start of a region: replicas started together on an empty database (each on the suite's kind of
 * database: H2, and a real PostgreSQL in the postgres run), and a database an earlier Zorgpad made with
 * Hibernate's {@code hbm2ddl}. Neither needs the suite's server.
 */
class FreshStartIT {

	@Test
	void twoReplicasStartedTogetherOnAnEmptyDatabase_bothServe_andEachMigrationIsAppliedOnce() throws Exception {
		Map<String, Object> database = TestDatabase.current().freshDatabase(newName());
		ExecutorService starters = Executors.newFixedThreadPool(2);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			starting.add(starters.submit(() -> {
				go.await();
				return Replicas.start(database);
			}));
		}
		go.countDown();
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		try {
			for (Future<ConfigurableApplicationContext> replica : starting) {
				replicas.add(replica.get(5, TimeUnit.MINUTES));
			}

			for (ConfigurableApplicationContext replica : replicas) {
				RestAssured.given().port(Replicas.port(replica)).auth().oauth2(Tokens.system()).accept(Fhir.JSON)
						.get("/fhir/Patient?_count=1").then().statusCode(200);
			}
			JdbcTemplate jdbc = new JdbcTemplate(replicas.get(0).getBean(DataSource.class));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"" + SchemaConfig.HAPI_MIGRATION_TABLE
					+ "\" WHERE \"success\" = TRUE", Integer.class)).isGreaterThan(100);
			assertThat(jdbc.queryForList("SELECT \"version\" FROM \"" + SchemaConfig.HAPI_MIGRATION_TABLE
					+ "\" GROUP BY \"version\" HAVING COUNT(*) > 1", String.class)).isEmpty();
			assertThat(jdbc.queryForList("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
					+ " GROUP BY \"version\" HAVING COUNT(*) > 1", String.class)).isEmpty();
		} finally {
			for (Future<ConfigurableApplicationContext> replica : starting) {
				if (replica.isDone() && !replica.isCancelled()) {
					try {
						replica.get().close();
					} catch (Exception didNotStart) {
						// its failure is what the assertions above report
					}
				}
			}
			starters.shutdownNow();
		}
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
