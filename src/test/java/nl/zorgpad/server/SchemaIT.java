package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import nl.zorgpad.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** The server booted on an empty database through migrations, and Hibernate only checked the result. */
class SchemaIT extends ServerTest {
	@Autowired
	DataSource dataSource;

	@Value("${spring.jpa.properties.hibernate.hbm2ddl.auto}")
	String hibernateSchema;

	@Test
	void hapisTablesComeFromHapisMigrator_oursFromFlyway_andHibernateOnlyValidates() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"" + SchemaConfig.HAPI_MIGRATION_TABLE + "\"", Integer.class))
				.isGreaterThan(100);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1'"
				+ " AND \"success\" = TRUE", Integer.class)).isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ZP_AUDIT_PATIENT WHERE 1 = 0", Integer.class)).isZero();
		assertThat(hibernateSchema).isEqualTo("validate");
	}
}
