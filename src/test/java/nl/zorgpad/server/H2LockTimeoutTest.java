package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class H2LockTimeoutTest {

	@Test
	void theShippedH2Url_waitsTenSecondsForALockedRow() throws SQLException {
		String shipped = ShippedConfiguration.binder().bind("spring.datasource.url", String.class).get();
		assertThat(shipped).startsWith("jdbc:h2:file:./data/zorgpad;");
		// the same settings on an in-memory database, so the test touches no file
		String url = shipped.replace("jdbc:h2:file:./data/zorgpad;", "jdbc:h2:mem:lock-timeout-test;");

		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet setting = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
			assertThat(setting.next()).isTrue();
			assertThat(setting.getInt(1)).isEqualTo(10_000);
		}
	}
}
