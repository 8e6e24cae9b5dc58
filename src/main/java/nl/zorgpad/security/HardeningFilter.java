package nl.zorgpad.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import nl.zorgpad.fhir.Outcomes;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Standard security headers on every response ({@code Cache-Control: no-store} on everything that may carry
 * patient data), and a limit on the size of a request body, whichever way it arrives: a declared
 * {@code Content-Length} over the limit is refused before anything is read; a body without a length
 * (chunked) or a compressed one ({@code Content-Encoding: gzip}) is read — and inflated — only up to the
 * limit. Over the limit: 413 with an OperationOutcome. The limit admits a long-lived patient's full record as a
 * HIS sends it on first load; memory stays bounded when several arrive at once by a {@link BodyBudget}: a
 * request whose body does not fit in the bytes still free waits a moment, then gets 503 with Retry-After.
 */
final class HardeningFilter extends OncePerRequestFilter {
	private final long maxRequestBytes;
	private final BodyBudget budget;
	private final AuditTrail audit;

	HardeningFilter(DataSize maxRequestSize, BodyBudget budget, AuditTrail audit) {
		this.maxRequestBytes = maxRequestSize.toBytes();
		this.budget = budget;
		this.audit = audit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
		String path = request.getRequestURI();
		if (!path.endsWith("/fhir/metadata") && !path.startsWith("/packages/")) {
			response.setHeader("Cache-Control", "no-store");
		}
		long declared = request.getContentLengthLong();
		if (declared > maxRequestBytes) {
			tooLarge(request, response, "Request body of " + declared + " bytes exceeds the limit of " + maxRequestBytes + " bytes");
			return;
		}
		String encoding = request.getHeader("Content-Encoding");
		boolean gzip = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip");
		BodyBudget.Reservation reservation = budget.reserve(Math.max(declared, 0));
		try {
			if (reservation == null) {
				busy(request, response);
				return;
			}
			if (declared < 0 && hasBody(request) || gzip) {
				byte[] body;
				try {
					body = read(gzip ? new GZIPInputStream(request.getInputStream()) : request.getInputStream(), reservation);
				} catch (java.util.zip.ZipException notGzip) {
					refuse(response, HttpServletResponse.SC_BAD_REQUEST, OperationOutcome.IssueType.INVALID,
							"Content-Encoding is gzip, but the body is not");
					return;
				} catch (BodyBudget.Exhausted exhausted) {
					busy(request, response);
					return;
				}
				if (body == null) {
					tooLarge(request, response, "Request body exceeds the limit of " + maxRequestBytes + " bytes"
							+ (gzip ? " once decompressed" : ""));
					return;
				}
				chain.doFilter(new BufferedRequest(request, body), response);
				return;
			}
			chain.doFilter(request, response);
		} finally {
			if (reservation != null) {
				reservation.close();
			}
		}
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getHeader("Transfer-Encoding") != null;
	}

	/** The whole body, or null when it is larger than the limit; what is buffered is reserved as it grows. */
	private byte[] read(InputStream in, BodyBudget.Reservation reservation) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		for (int n; (n = in.read(buffer)) > 0;) {
			if (body.size() + (long) n > maxRequestBytes) {
				return null;
			}
			reservation.growTo(2L * (body.size() + n)); // the buffer and its copy
			body.write(buffer, 0, n);
		}
		return body.toByteArray();
	}

	private void busy(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String message = "The server is receiving as many large request bodies as it holds at once; retry shortly";
		audit.refused(request, HttpServletResponse.SC_SERVICE_UNAVAILABLE, message);
		response.setHeader("Retry-After", "5");
		refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, OperationOutcome.IssueType.TRANSIENT, message);
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
		audit.refused(request, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, message);
		refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, OperationOutcome.IssueType.TOOCOSTLY, message);
	}

	private static void refuse(HttpServletResponse response, int status, OperationOutcome.IssueType type, String message)
			throws IOException {
		Outcomes.write(response, status, type, message);
	}

	/** The request with its body read (and inflated) already; no Content-Encoding any more. */
	private static final class BufferedRequest extends HttpServletRequestWrapper {
		private final byte[] body;

		BufferedRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
					getCharacterEncoding() == null ? StandardCharsets.UTF_8
							: java.nio.charset.Charset.forName(getCharacterEncoding())));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public String getHeader(String name) {
			if ("Content-Encoding".equalsIgnoreCase(name)) {
				return null;
			}
			if ("Content-Length".equalsIgnoreCase(name)) {
				return Integer.toString(body.length);
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			if ("Content-Encoding".equalsIgnoreCase(name)) {
				return Collections.emptyEnumeration();
			}
			return super.getHeaders(name);
		}
	}
}
