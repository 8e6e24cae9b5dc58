package nl.zorgpad.server;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.sql.Connection;
import java.sql.SQLException;
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
			HapiMigrator hapi = new HapiMigrator(HAPI_MIGRATION_TABLE, dataSource, driverType(dataSource));
			hapi.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
			hapi.createMigrationTableIfRequired();
			MigrationResult result = hapi.migrate();
			log.info("HAPI schema: {}", result.summary());
			flyway.migrate();
		};
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
