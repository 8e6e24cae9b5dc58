package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.ServerTest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/** A collaboration app whose endpoint fails sees it on its Subscription. */
class NotificationsIT extends ServerTest {

	@Test
	void aDeliveryThatFails_isRecordedOnTheSubscription() throws Exception {
		HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		failing.createContext("/", exchange -> {
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		failing.start();
		try {
			String owner = "PractitionerRole/notify-" + UUID.randomUUID().toString().substring(0, 8);
			fhir().body("{\"resourceType\":\"PractitionerRole\",\"id\":\"" + owner.substring(owner.indexOf('/') + 1) + "\"}")
					.put("/" + owner).then().statusCode(201);
			Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
					.setReason("test").setCriteria("Task?owner=" + owner);
			subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
					.setEndpoint("http://127.0.0.1:" + failing.getAddress().getPort() + "/hook").setPayload("application/fhir+json");
			String id = fhir().body(Fhir.json(subscription)).post("/Subscription").then().statusCode(201).extract().path("id");
			await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(fhir().get("/Subscription/" + id).path("status")));

			fhir().body(Fhir.json(new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
					.setOwner(new Reference(owner)))).post("/Task").then().statusCode(201);

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
					fhir().get("/Subscription/" + id).<String>path("error")).contains("delivery 1 failed"));
		} finally {
			failing.stop(0);
		}
	}
}
