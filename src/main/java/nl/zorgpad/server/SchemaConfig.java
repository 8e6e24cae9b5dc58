package nl.zorgpad.server;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database schema, managed rather than generated: HAPI's tables by HAPI's own migrator (the task list HAPI
 * ships for every release, in table {@code FLY_HFJ_MIGRATION}), then Zorgpad's own tables by Flyway
 * ({@code db/migration}); Hibernate only validates ({@code hibernate.hbm2ddl.auto: validate}). Spring Boot runs
 * this before the entity manager starts. Several replicas may start at once: both migrators take a lock.
 */
@Configuration(proxyBeanMethods = false)
class SchemaConfig {
	static final String HAPI_MIGRATION_TABLE = "FLY_HFJ_MIGRATION";
	private static final Logger log = LoggerFactory.getLogger(SchemaConfig.class);

	@Bean
	FlywayMigrationStrategy schemaMigration(DataSource dataSource) {
		return flyway -> {
			refuseASchemaMadeByHibernate(dataSource);
			HapiMigrator hapi = new HapiMigrator(HAPI_MIGRATION_TABLE, dataSource, driverType(dataSource));
			hapi.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
			createMigrationTable(hapi, dataSource);
			MigrationResult result = hapi.migrate();
			log.info("HAPI schema: {}", result.summary());
			flyway.migrate();
		};
	}

	/**
	 * A database whose HAPI tables were made by Hibernate ({@code hbm2ddl update}, as an early Zorgpad did) has no
	 * record of HAPI's migrations, so the migrator cannot know which of its tasks apply. It is refused with what to do
	 * instead of being altered by guesswork. The migration table is created before any HAPI table, so a replica that
	 * starts while another lays down a fresh schema never sees this shape.
	 */
	private static void refuseASchemaMadeByHibernate(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (hasTable(connection, "HFJ_RESOURCE") && !hasTable(connection, HAPI_MIGRATION_TABLE)) {
				throw new IllegalStateException("This database holds HAPI's tables but no " + HAPI_MIGRATION_TABLE
						+ ": it was made by an earlier Zorgpad with Hibernate's hbm2ddl and cannot be migrated in place."
						+ " Export its data (Bulk Data $export) and import it into a new database (docs/decisions.md).");
			}
		} catch (SQLException unreachable) {
			throw new IllegalStateException("cannot reach the database to migrate its schema", unreachable);
		}
	}

	/**
	 * HAPI creates its migration table if it is missing, without a lock (its lock is a row in that table): of two
	 * replicas starting together on an empty database one loses that race. Losing it is fine — the table is there.
	 */
	private static void createMigrationTable(HapiMigrator hapi, DataSource dataSource) {
		try {
			hapi.createMigrationTableIfRequired();
		} catch (RuntimeException lostTheRace) {
			try (Connection connection = dataSource.getConnection()) {
				if (!hasTable(connection, HAPI_MIGRATION_TABLE)) {
					throw lostTheRace;
				}
				log.info("{} was created by another instance starting at the same time", HAPI_MIGRATION_TABLE);
			} catch (SQLException unreachable) {
				throw new IllegalStateException("cannot reach the database to migrate its schema", unreachable);
			}
		}
	}

	private static boolean hasTable(Connection connection, String name) throws SQLException {
		for (String spelling : new String[] {name, name.toLowerCase(Locale.ROOT)}) {
			try (ResultSet tables = connection.getMetaData().getTables(null, null, spelling, null)) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

	private static DriverTypeEnum driverType(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName();
			return switch (product) {
				case "H2" -> DriverTypeEnum.H2_EMBEDDED;
				case "PostgreSQL" -> DriverTypeEnum.POSTGRES_9_4;
				default -> throw new IllegalStateException("Zorgpad runs on H2 or PostgreSQL, not " + product);
			};
		} catch (SQLException unreachable) {
			throw new IllegalStateException("cannot reach the database to migrate its schema", unreachable);
		}
	}
}
