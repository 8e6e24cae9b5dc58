package nl.zorgpad.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Standard security headers on every response, and a limit on the size of a request body: a request
 * that declares a larger body is answered 413 with an OperationOutcome before anything reads it.
 */
final class HardeningFilter extends OncePerRequestFilter {
	private final long maxRequestBytes;

	HardeningFilter(DataSize maxRequestSize) {
		this.maxRequestBytes = maxRequestSize.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		if (request.getContentLengthLong() > maxRequestBytes) {
			response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			response.setContentType("application/fhir+json;charset=UTF-8");
			response.getOutputStream().write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
					+ "\"code\":\"too-costly\",\"diagnostics\":\"Request body of " + request.getContentLengthLong()
					+ " bytes exceeds the limit of " + maxRequestBytes + " bytes\"}]}").getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}
}
