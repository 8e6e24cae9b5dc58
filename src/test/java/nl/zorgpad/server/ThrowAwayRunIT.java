package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import nl.zorgpad.support.JarProcess;
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
	private static JarProcess server;
	private static int port;

	@BeforeAll
	static void startTheJar() throws IOException {
		assumeTrue(TestDatabase.current() == TestDatabase.H2);
		server = JarProcess.start(List.of("--spring.profiles.active=json-logs", "--zorgpad.security.enabled=false",
				"--server.port=0", "--management.server.port=0", "--zorgpad.fhir.server-base-url=" + PROXY_BASE,
				"--spring.datasource.url=jdbc:h2:mem:throw-away;DB_CLOSE_DELAY=-1"));
		port = server.port();
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void withTheJsonLogsProfile_everyConsoleLineIsAnEcsJsonObject() throws IOException {
		List<String> console = server.console();
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
}
