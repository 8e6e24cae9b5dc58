package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.zorgpad.support.JarProcess;
import nl.zorgpad.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a newcomer runs it: the built jar with no arguments at all (the configuration
 * {@code mvn spring-boot:run} also uses), in an empty directory. On the H2 pass only, and only where the default
 * ports are free.
 */
class LocalTrialIT {

	@Test
	void withNoArguments_itServesFhirOn127001Port8080_onAnH2FileInData_andItsProbesOnPort9090(@TempDir Path empty)
			throws Exception {
		assumeTrue(TestDatabase.current() == TestDatabase.H2);
		assumeTrue(free(8080) && free(9090), "the default ports 8080 and 9090 are taken on this machine");

		try (JarProcess server = JarProcess.start(List.of(), empty)) {
			assertThat(server.port()).isEqualTo(8080);
			// ready once the package is installed, a moment after "Started" (OUT_OF_SERVICE until then)
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(
					() -> get("http://127.0.0.1:9090/actuator/health").statusCode(), status -> status == 200);
			assertThat(get("http://127.0.0.1:8080/fhir/metadata").body()).contains("\"fhirVersion\":\"4.0.1\"");
			assertThat(empty.resolve("data/zorgpad.mv.db")).exists();
			assertThat(Files.size(empty.resolve("data/zorgpad.mv.db"))).isPositive();
		}
	}

	private static boolean free(int port) {
		try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
			return true;
		} catch (IOException taken) {
			return false;
		}
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
