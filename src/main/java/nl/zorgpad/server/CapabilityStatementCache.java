package nl.zorgpad.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves {@code GET /fhir/metadata} from a short-lived cache of the serialised CapabilityStatement.
 *
 * <p>HAPI caches the CapabilityStatement object but serialises it (well over a megabyte for a JPA
 * server) on every request. Responses are cached per variant of the request that changes the bytes
 * (format, pretty printing, summary, compression, host) and only when the server answered 200. The cache
 * is bounded: only the parameters that change the rendering make a variant (a request with any other
 * parameter is answered uncached), expired entries are dropped, and at most {@value #MAX_VARIANTS}
 * variants are kept, so no stream of distinct URLs can grow the heap.
 */
final class CapabilityStatementCache extends OncePerRequestFilter {

	private record Variant(String query, String accept, String acceptEncoding, String host) {}

	private record Entry(byte[] body, String contentType, String contentEncoding, Instant expires) {}

	static final int MAX_VARIANTS = 32;
	private static final java.util.Set<String> RENDERING = java.util.Set.of("_format", "_pretty", "_summary",
			"_elements", "mode");

	private final Duration ttl;
	private final Clock clock;
	private final Map<Variant, Entry> entries = new ConcurrentHashMap<>();

	CapabilityStatementCache(Duration ttl) {
		this(ttl, Clock.systemUTC());
	}

	CapabilityStatementCache(Duration ttl, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
	}

	int size() {
		return entries.size();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"GET".equals(request.getMethod()) || ttl.isZero()
				|| !RENDERING.containsAll(request.getParameterMap().keySet())) {
			chain.doFilter(request, response);
			return;
		}
		Variant variant = new Variant(
				Objects.toString(request.getQueryString(), ""),
				Objects.toString(request.getHeader("Accept"), ""),
				Objects.toString(request.getHeader("Accept-Encoding"), ""),
				Objects.toString(request.getHeader("Host"), ""));
		Entry cached = entries.get(variant);
		if (cached != null && clock.instant().isBefore(cached.expires())) {
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(cached.contentType());
			if (cached.contentEncoding() != null) {
				response.setHeader("Content-Encoding", cached.contentEncoding());
			}
			response.setContentLength(cached.body().length);
			response.getOutputStream().write(cached.body());
			return;
		}
		ContentCachingResponseWrapper capturing = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, capturing);
		if (entries.size() >= MAX_VARIANTS) {
			Instant now = clock.instant();
			entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
		}
		if (capturing.getStatus() == HttpServletResponse.SC_OK && capturing.getContentType() != null
				&& entries.size() < MAX_VARIANTS) {
			entries.put(variant, new Entry(
					capturing.getContentAsByteArray(),
					capturing.getContentType(),
					capturing.getHeader("Content-Encoding"),
					clock.instant().plus(ttl)));
		}
		capturing.copyBodyToResponse();
	}
}
