package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.ServerTest;
import nl.zorgpad.support.Socket;
import nl.zorgpad.support.Tokens;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A collaboration app's endpoint fails now and then: the server tries again, and says so on the Subscription. */
class NotificationsIT extends ServerTest {
	private final AtomicInteger calls = new AtomicInteger();
	private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
	private volatile int failFirst;
	private HttpServer app;
	private String owner;

	@BeforeEach
	void anAppWhoseEndpointFailsTheFirstCalls() throws Exception {
		app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		app.createContext("/", exchange -> {
			boolean fail = calls.incrementAndGet() <= failFirst;
			if (!fail) {
				delivered.add(exchange.getRequestURI().getPath());
			}
			exchange.sendResponseHeaders(fail ? 500 : 200, -1);
			exchange.close();
		});
		app.start();
		owner = "PractitionerRole/notify-" + UUID.randomUUID().toString().substring(0, 8);
		fhir().body("{\"resourceType\":\"PractitionerRole\",\"id\":\"" + owner.substring(owner.indexOf('/') + 1) + "\"}")
				.put("/" + owner).then().statusCode(201);
	}

	@AfterEach
	void stop() {
		app.stop(0);
	}

	@Test
	void aDeliveryThatFails_isTriedAgain_andArrivesWhenTheEndpointRecovers() {
		failFirst = 2;
		String subscription = subscribe();

		String task = newTask();

		assertThat(poll()).isEqualTo("/hook/Task/" + task);
		assertThat(calls.get()).isEqualTo(3);
		assertThat(fhir().get("/Subscription/" + subscription).<String>path("error")).contains("delivery 2 failed");
		assertThat(fhir().get("/Subscription/" + subscription).<String>path("status")).isEqualTo("active");
	}

	@Test
	void anEndpointThatKeepsFailing_putsItsSubscriptionInError_andIsLeftAlone() throws Exception {
		failFirst = Integer.MAX_VALUE;
		String subscription = subscribe();

		newTask();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(
				() -> assertThat(fhir().get("/Subscription/" + subscription).<String>path("status")).isEqualTo("error"));
		assertThat(fhir().get("/Subscription/" + subscription).<String>path("error"))
				.contains("delivery " + DeliveryFailures.GIVE_UP + " failed");
		int tried = calls.get();
		assertThat(tried).isEqualTo(DeliveryFailures.GIVE_UP);
		newTask();
		Thread.sleep(3000); // a delivery would be tried within a second
		assertThat(calls.get()).isEqualTo(tried);
	}

	@Test
	void aWebsocketBoundToItsSubscription_isPingedOnEveryMatchingChange() {
		Subscription websocket = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
				.setReason("test").setCriteria("Task?owner=" + owner);
		websocket.getChannel().setType(Subscription.SubscriptionChannelType.WEBSOCKET);
		String subscription = active(websocket);

		try (Socket socket = Socket.open(port, Tokens.system())) {
			assertThat(socket.send("bind " + subscription).next(10)).isEqualTo("bound " + subscription);

			newTask();

			assertThat(socket.next(30)).isEqualTo("ping " + subscription);
		}
	}

	@Test
	void aSystemClient_subscribesOnlyToTypesItsScopesLetItRead() {
		String tasksOnly = Tokens.of("system/Subscription.cruds system/Task.rs", null, null);
		Subscription onTasks = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED).setReason("test")
				.setCriteria("Task?owner=" + owner);
		onTasks.getChannel().setType(Subscription.SubscriptionChannelType.WEBSOCKET);
		Subscription onConditions = onTasks.copy().setCriteria("Condition?code=http://hl7.org/fhir/sid/icpc-1-nl|A05");

		fhir(tasksOnly).body(Fhir.json(onTasks)).post("/Subscription").then().statusCode(201);
		fhir(tasksOnly).body(Fhir.json(onConditions)).post("/Subscription").then().statusCode(403);
	}

	@Test
	void theCapabilityStatementSaysWhereTheWebsocketIs() {
		assertThat(fhir().get("/metadata").<String>path("rest[0].extension.find { it.url == '"
				+ NotificationsConfig.WEBSOCKET + "' }.valueUri")).isEqualTo("ws://localhost:" + port + "/websocket");
	}

	@Test
	void aWebsocketWithoutToken_isRefusedAtTheHandshake() {
		assertThatThrownBy(() -> Socket.open(port, null)).getCause()
				.isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class,
						refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
	}

	private String subscribe() {
		Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
				.setReason("test").setCriteria("Task?owner=" + owner);
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
				.setEndpoint("http://127.0.0.1:" + app.getAddress().getPort() + "/hook").setPayload("application/fhir+json");
		return active(subscription);
	}

	private String active(Subscription subscription) {
		String id = fhir().body(Fhir.json(subscription)).post("/Subscription").then().statusCode(201).extract().path("id");
		await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(fhir().get("/Subscription/" + id).path("status")));
		return id;
	}

	private String newTask() {
		return fhir().body(Fhir.json(new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
				.setOwner(new Reference(owner)))).post("/Task").then().statusCode(201).extract().path("id");
	}

	private String poll() {
		try {
			return delivered.poll(60, TimeUnit.SECONDS);
		} catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new AssertionError(interrupted);
		}
	}
}
