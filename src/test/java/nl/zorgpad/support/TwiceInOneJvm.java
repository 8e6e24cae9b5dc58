package nl.zorgpad.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The whole HTTP suite ({@code *IT}) run twice in a row in this JVM: the second round meets the server, the
 * database and the population the first round left, so a test that only passes on fresh data, or that changes what
 * another test reads, fails here. Not part of the normal build (its name matches neither surefire's nor failsafe's
 * patterns); {@code scripts/twice-in-one-jvm.sh} runs it.
 */
class TwiceInOneJvm {

	@Test
	void theHttpSuite_passesAgain_onTheServerAndDataTheFirstRoundLeft() {
		LauncherDiscoveryRequest suite = LauncherDiscoveryRequestBuilder.request()
				.selectors(DiscoverySelectors.selectPackage("nl.zorgpad"))
				.filters(ClassNameFilter.includeClassNamePatterns(".*IT")).build();
		PrintWriter out = new PrintWriter(System.out, true);
		for (int round = 1; round <= 2; round++) {
			SummaryGeneratingListener listener = new SummaryGeneratingListener();
			LauncherFactory.create().execute(suite, listener);
			TestExecutionSummary summary = listener.getSummary();
			out.printf("round %d: %d tests succeeded, %d failed, %d skipped, %d aborted%n", round,
					summary.getTestsSucceededCount(), summary.getTotalFailureCount(), summary.getTestsSkippedCount(),
					summary.getTestsAbortedCount());
			summary.printFailuresTo(out, 25);

			assertThat(summary.getTotalFailureCount()).as("failures in round %d", round).isZero();
			assertThat(summary.getTestsSucceededCount()).as("tests that ran in round %d", round).isGreaterThan(100);
		}
	}
}
