package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class JobPollerTest {

	@Test
	void theShippedInterval_isFiveSeconds() {
		assertThat(ShippedConfiguration.fhir().jobPollInterval()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void backgroundJobsMoveOn_everyInterval_neverSooner() {
		List<Long> passes = new CopyOnWriteArrayList<>();
		IJobMaintenanceService maintenance = Mockito.mock(IJobMaintenanceService.class);
		Mockito.doAnswer(call -> passes.add(System.nanoTime())).when(maintenance).runMaintenancePass();
		Duration interval = Duration.ofMillis(200);
		long started = System.nanoTime();

		ScheduledExecutorService poller = new JpaPersistenceConfig().jobPoller(maintenance, withInterval(interval));
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> passes.size() >= 4);
		} finally {
			poller.shutdownNow();
		}

		assertThat(passes.get(0) - started).isGreaterThanOrEqualTo(interval.toNanos());
		for (int i = 1; i < passes.size(); i++) {
			assertThat(passes.get(i) - passes.get(i - 1)).isGreaterThanOrEqualTo(interval.toNanos());
		}
	}

	@Test
	void aFailingPass_doesNotStopTheNextOne() {
		IJobMaintenanceService maintenance = Mockito.mock(IJobMaintenanceService.class);
		Mockito.doThrow(new IllegalStateException("scheduler not started yet")).doNothing()
				.when(maintenance).runMaintenancePass();

		ScheduledExecutorService poller = new JpaPersistenceConfig().jobPoller(maintenance, withInterval(Duration.ofMillis(50)));
		try {
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
					Mockito.verify(maintenance, Mockito.atLeast(2)).runMaintenancePass());
		} finally {
			poller.shutdownNow();
		}
	}

	private static FhirServerProperties withInterval(Duration interval) {
		FhirServerProperties shipped = ShippedConfiguration.fhir();
		return new FhirServerProperties(shipped.defaultPageSize(), shipped.maxPageSize(), shipped.listPageSize(),
				shipped.listMaxPageSize(), shipped.serverBaseUrl(), shipped.capabilityCacheTtl(), interval);
	}
}
