package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.zorgpad.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built jar started as an operator starts it, in its own process (so the suite's logging and security are
 * not touched), with the two switches a throw-away run uses: {@code json-logs} (what a log shipper reads) and
 * {@code zorgpad.security.enabled=false}; and behind a proxy, with {@code zorgpad.fhir.server-base-url} set. On the
 * H2 pass only (no database involved).
 */
class ThrowAwayRunIT {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String PROXY_BASE = "https://zorgpad.example/fhir";
	private static final Pattern PORT = Pattern.compile("Tomcat started on port[s]? (\\d+)");
	private static final List<String> console = new ArrayList<>();
	private static Process server;
	private static int port;

	@BeforeAll
	static void startTheJar() throws IOException {
		assumeTrue(TestDatabase.current() == TestDatabase.H2);
		server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar().toString(), "--spring.profiles.active=json-logs", "--zorgpad.security.enabled=false",
				"--server.port=0", "--management.server.port=0", "--zorgpad.fhir.server-base-url=" + PROXY_BASE,
				"--spring.datasource.url=jdbc:h2:mem:throw-away;DB_CLOSE_DELAY=-1")
				.redirectErrorStream(true).start();
		BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = lines.readLine()) != null && console.size() < 2_000) {
			console.add(line);
			Matcher started = PORT.matcher(line);
			if (port == 0 && started.find()) {
				port = Integer.parseInt(started.group(1)); // the first Tomcat is the FHIR port
			}
			if (line.contains("Started ZorgpadApplication")) {
				break;
			}
		}
		Thread drain = new Thread(() -> lines.lines().forEach(rest -> {})); // keep the pipe from filling up
		drain.setDaemon(true);
		drain.start();
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (server != null) {
			server.destroy();
			if (!server.waitFor(30, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
	}

	@Test
	void withTheJsonLogsProfile_everyConsoleLineIsAnEcsJsonObject() throws IOException {
		assertThat(console).isNotEmpty().last().asString().contains("Started ZorgpadApplication");
		for (String line : console) {
			JsonNode event = JSON.readTree(line); // throws on anything that is not JSON
			assertThat(event.isObject()).as(line).isTrue();
			assertThat(event.has("@timestamp") && event.path("log").has("level") && event.has("message")).as(line).isTrue();
		}
	}

	/** {@code GET /fhir/Patient?_count=1} as a client without a token sends it. */
	private HttpResponse<String> patientSearchWithoutToken() throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Patient?_count=1"))
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void withSecurityOff_patientDataIsServedWithoutAToken() throws Exception {
		HttpResponse<String> answer = patientSearchWithoutToken();

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("\"resourceType\":\"Bundle\"");
	}

	@Test
	void behindAProxy_linksUseTheConfiguredBaseUrl_notTheAddressTheRequestCameTo() throws Exception {
		HttpResponse<String> answer = patientSearchWithoutToken();

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode self = JSON.readTree(answer.body()).path("link").path(0);
		assertThat(self.path("relation").asText()).isEqualTo("self");
		assertThat(self.path("url").asText()).startsWith(PROXY_BASE + "/Patient");
		assertThat(answer.body()).doesNotContain("127.0.0.1");
	}

	private static Path jar() throws IOException {
		try (Stream<Path> built = Files.list(Path.of("target"))) {
			return built.filter(path -> path.getFileName().toString().matches("zorgpad-.*\\.jar")).findFirst()
					.orElseThrow(() -> new IllegalStateException("no built jar in target/ (failsafe runs after package)"));
		}
	}
}
