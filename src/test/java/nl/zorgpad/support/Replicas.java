package nl.zorgpad.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.zorgpad.ZorgpadApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Another Zorgpad instance in the test JVM, configured as the suite's server is, on the database given. */
public final class Replicas {
	private Replicas() {}

	public static ConfigurableApplicationContext start(Map<String, Object> database) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--zorgpad.security.jwt.hmac-secret=" + Tokens.SECRET));
		database.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ZorgpadApplication.class);
		if (TestDatabase.current() == TestDatabase.POSTGRES) {
			builder.profiles("postgres");
		}
		return builder.run(arguments.toArray(String[]::new));
	}

	public static int port(ConfigurableApplicationContext replica) {
		return ((ServletWebServerApplicationContext) replica).getWebServer().getPort();
	}
}
