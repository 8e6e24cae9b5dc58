package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CapabilityStatementCacheTest {

	private final AtomicInteger rendered = new AtomicInteger();
	private final MutableClock clock = new MutableClock();
	private final CapabilityStatementCache cache = new CapabilityStatementCache(Duration.ofSeconds(60), clock);

	@Test
	void servesTheSecondRequestFromCache_withTheSameBytesAndHeaders() throws Exception {
		MockHttpServletResponse first = get("application/fhir+json", "gzip");
		MockHttpServletResponse second = get("application/fhir+json", "gzip");

		assertThat(rendered).hasValue(1);
		assertThat(second.getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
		assertThat(second.getContentType()).isEqualTo(first.getContentType());
		assertThat(second.getHeader("Content-Encoding")).isEqualTo("gzip");
	}

	@Test
	void rendersAgain_forAnotherFormatOrEncoding() throws Exception {
		get("application/fhir+json", "gzip");
		get("application/fhir+xml", "gzip");
		get("application/fhir+json", "");

		assertThat(rendered).hasValue(3);
	}

	@Test
	void rendersAgain_afterTheTimeToLive() throws Exception {
		get("application/fhir+json", "");
		clock.advance(Duration.ofSeconds(61));
		get("application/fhir+json", "");

		assertThat(rendered).hasValue(2);
	}

	@Test
	void doesNotCacheErrors() throws Exception {
		MockHttpServletRequest request = request("application/fhir+json", "");
		cache.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
			@Override
			public void doFilter(ServletRequest req, ServletResponse res) {
				rendered.incrementAndGet();
				((HttpServletResponse) res).setStatus(500);
			}
		});
		get("application/fhir+json", "");

		assertThat(rendered).hasValue(2);
	}

	@Test
	void keepsABoundedNumberOfVariants_whateverQueriesAndHostsArrive() throws Exception {
		for (int i = 0; i < 10_000; i++) {
			MockHttpServletRequest request = request("application/fhir+json", "");
			request.setParameter(i % 2 == 0 ? "x" : "_pretty", Integer.toString(i));
			request.addHeader("Host", "host-" + i);
			get(request);
		}

		assertThat(cache.size()).isLessThanOrEqualTo(CapabilityStatementCache.MAX_VARIANTS);
		MockHttpServletRequest unknownParameter = request("application/fhir+json", "");
		unknownParameter.setParameter("x", "1");
		get(unknownParameter);
		get(unknownParameter);
		assertThat(rendered).hasValue(10_002); // a parameter that changes nothing is never cached
	}

	private MockHttpServletResponse get(String accept, String acceptEncoding) throws Exception {
		return get(request(accept, acceptEncoding));
	}

	private MockHttpServletResponse get(MockHttpServletRequest request) throws Exception {
		String accept = request.getHeader("Accept");
		String acceptEncoding = request.getHeader("Accept-Encoding");
		MockHttpServletResponse response = new MockHttpServletResponse();
		cache.doFilter(request, response, new MockFilterChain() {
			@Override
			public void doFilter(ServletRequest req, ServletResponse res) throws java.io.IOException {
				int n = rendered.incrementAndGet();
				HttpServletResponse http = (HttpServletResponse) res;
				http.setStatus(200);
				http.setContentType(accept);
				if (!acceptEncoding.isEmpty()) {
					http.setHeader("Content-Encoding", acceptEncoding);
				}
				http.getOutputStream().write(("statement #" + n).getBytes(StandardCharsets.UTF_8));
			}
		});
		return response;
	}

	private static MockHttpServletRequest request(String accept, String acceptEncoding) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/metadata");
		request.addHeader("Accept", accept);
		request.addHeader("Accept-Encoding", acceptEncoding);
		return request;
	}

	private static final class MutableClock extends Clock {
		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	}
}
