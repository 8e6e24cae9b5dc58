package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.JarProcess;
import nl.zorgpad.support.TestDatabase;
import nl.zorgpad.support.Tokens;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * A sample of {@code scripts/crash/crash-test.sh} (which repeats it and prints figures): a HIS pushing transaction
 * Bundles from two threads into the built jar on PostgreSQL, the jar killed with {@code kill -9} mid-stream (at a
 * random moment after the first ten acknowledgements) and started again on the same database. Every Bundle that was
 * acknowledged is there completely; a Bundle in flight at the kill is there completely or not at all. On the
 * postgres pass only (the claim is PostgreSQL's).
 */
class CrashIT {
	private static final String SYSTEM = "https://zorgpad.nl/fhir/NamingSystem/crash-test";
	private static final ObjectMapper JSON = new ObjectMapper();
	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void afterKillMinus9_everyAcknowledgedTransactionIsThereCompletely_andNoneInPart() throws Exception {
		assumeTrue(TestDatabase.current() == TestDatabase.POSTGRES);
		List<String> arguments = arguments(TestDatabase.current().freshDatabase("crash_" + UUID.randomUUID().toString()
				.substring(0, 8)));
		Set<String> sent = ConcurrentHashMap.newKeySet();
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();

		JarProcess server = JarProcess.start(arguments);
		ExecutorService his = Executors.newFixedThreadPool(2);
		for (int writer = 0; writer < 2; writer++) {
			String prefix = "w" + writer + "-";
			his.submit(() -> pushUntilTheServerIsGone(server.port(), prefix, sent, acknowledged));
		}
		// mid-stream: once the writers are going (a cold server is slow at first), at a random moment
		Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= 10);
		Thread.sleep(ThreadLocalRandom.current().nextLong(500, 4_000));
		server.kill();
		his.shutdown();
		assertThat(his.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		try (JarProcess restarted = JarProcess.start(arguments)) {
			List<String> half = new ArrayList<>();
			List<String> lost = new ArrayList<>();
			for (String key : sent) {
				int stored = storedParts(restarted.port(), key);
				if (stored != 0 && stored != 4) {
					half.add(key + " (" + stored + " of 4)");
				} else if (stored == 0 && acknowledged.contains(key)) {
					lost.add(key);
				}
			}

			System.out.printf("crash sample: %d Bundles sent, %d acknowledged, %d stored in part, %d lost%n", sent.size(),
					acknowledged.size(), half.size(), lost.size());
			assertThat(acknowledged).as("Bundles acknowledged before the kill").isNotEmpty();
			assertThat(half).as("Bundles stored in part").isEmpty();
			assertThat(lost).as("acknowledged Bundles missing").isEmpty();
		}
	}

	private static List<String> arguments(Map<String, Object> database) {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres", "--server.port=0",
				"--management.server.port=0", "--zorgpad.security.jwt.hmac-secret=" + Tokens.SECRET));
		database.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		return arguments;
	}

	private void pushUntilTheServerIsGone(int port, String prefix, Set<String> sent, Set<String> acknowledged) {
		for (int n = 0;; n++) {
			String key = prefix + n;
			sent.add(key);
			try {
				HttpResponse<String> answer = http.send(request(port, "").POST(HttpRequest.BodyPublishers
						.ofString(Fhir.json(bundle(key)))).build(), HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 200) {
					acknowledged.add(key);
				}
			} catch (Exception serverGone) {
				return;
			}
		}
	}

	/** A Patient and a Condition, an Encounter and an Observation about her, as one transaction. */
	private static Bundle bundle(String key) {
		Patient patient = Fixtures.elderlyPatient("Crash");
		patient.addIdentifier().setSystem(SYSTEM).setValue(key);
		String her = "urn:uuid:" + UUID.randomUUID();
		Condition condition = new Condition().setSubject(new Reference(her));
		condition.getCode().setText("valneiging");
		Observation weight = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setSubject(new Reference(her)).setValue(new Quantity(61).setUnit("kg"));
		weight.getCode().setText("gewicht");
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		add(transaction, her, patient);
		add(transaction, "urn:uuid:" + UUID.randomUUID(), condition);
		add(transaction, "urn:uuid:" + UUID.randomUUID(), Fixtures.encounter(her, Fixtures.today()));
		add(transaction, "urn:uuid:" + UUID.randomUUID(), weight);
		return transaction;
	}

	private static void add(Bundle transaction, String fullUrl, Resource resource) {
		transaction.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl(resource.fhirType());
	}

	/** How many of the Bundle's four resources are stored. */
	private int storedParts(int port, String key) throws Exception {
		String query = "Patient?identifier=" + URLEncoder.encode(SYSTEM + "|" + key, StandardCharsets.UTF_8)
				+ "&_revinclude=Condition:subject&_revinclude=Encounter:subject&_revinclude=Observation:subject";
		HttpResponse<String> answer = http.send(request(port, query).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode entries = JSON.readTree(answer.body()).path("entry");
		return entries.size();
	}

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/" + path))
				.timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + Tokens.system())
				.header("Content-Type", Fhir.JSON).header("Accept", Fhir.JSON);
	}
}
