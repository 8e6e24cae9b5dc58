package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.zorgpad.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Operators who ship logs switch the console to JSON with the {@code json-logs} profile: the built jar, started as
 * they start it, writes nothing but JSON objects from its first line to "Started" (a log shipper drops anything
 * else). Its own process, so the suite's logging is not touched; on the H2 run only (no database involved).
 */
class JsonLogsIT {
	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void withTheJsonLogsProfile_everyConsoleLineIsAnEcsJsonObject() throws Exception {
		assumeTrue(TestDatabase.current() == TestDatabase.H2);
		Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar().toString(), "--spring.profiles.active=json-logs", "--server.port=0", "--management.server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:json-logs;DB_CLOSE_DELAY=-1")
				.redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader console = new BufferedReader(
				new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = console.readLine()) != null && lines.size() < 2_000) {
				lines.add(line);
				if (line.contains("Started ZorgpadApplication")) {
					break;
				}
			}
		} finally {
			server.destroy();
			if (!server.waitFor(30, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}

		assertThat(lines).isNotEmpty().last().asString().contains("Started ZorgpadApplication");
		for (String line : lines) {
			JsonNode event = JSON.readTree(line); // throws on anything that is not JSON
			assertThat(event.isObject()).as(line).isTrue();
			assertThat(event.has("@timestamp") && event.path("log").has("level") && event.has("message")).as(line).isTrue();
		}
	}

	private static Path jar() throws IOException {
		try (Stream<Path> built = Files.list(Path.of("target"))) {
			return built.filter(path -> path.getFileName().toString().matches("zorgpad-.*\\.jar")).findFirst()
					.orElseThrow(() -> new IllegalStateException("no built jar in target/ (failsafe runs after package)"));
		}
	}
}
