package nl.zorgpad.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.zorgpad.server.PatientOf;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AuditEvent per request (NEN 7513 access logging, issue 7): who (token subject, fhirUser, client),
 * which patient(s), what interaction on which resource or query, the outcome and the time. Written
 * after the response by one background thread, in batches; a failed write is logged as an error with
 * the event it could not store (never silently dropped), and when the queue is full the request thread
 * writes its event itself.
 */
final class AuditTrail implements AutoCloseable {
	private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
	private static final String RESPONSE = AuditTrail.class.getName() + ".response";
	private static final String SENT = AuditTrail.class.getName() + ".sent";
	private static final String STATUS = AuditTrail.class.getName() + ".status";
	private static final int MAX_PATIENTS = 100;

	private final PatientOf patientOf;
	private final AuditStore store;
	private final boolean enabled;
	private static final int BATCH = 500;
	private static final Duration LINGER = Duration.ofMillis(100);
	private final BlockingQueue<AuditRow> queue = new ArrayBlockingQueue<>(10_000);
	private final AtomicLong failedWrites = new AtomicLong();
	private final Thread writer;
	private volatile boolean open = true;

	AuditTrail(FhirContext context, AuditStore store, boolean enabled) {
		this.patientOf = new PatientOf(context);
		this.store = store;
		this.enabled = enabled;
		this.writer = new Thread(this::writeBatches, "zorgpad-audit");
		this.writer.setDaemon(true);
		if (enabled) {
			this.writer.start();
		}
	}

	/** What the client sent, as parsed (a transaction's Bundle is not kept on the request to the end). */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void sent(RequestDetails request) {
		if (enabled && request.getResource() != null) {
			request.getUserData().put(SENT, request.getResource());
		}
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean response(RequestDetails request, ca.uhn.fhir.rest.api.server.ResponseDetails response) {
		if (enabled && response.getResponseResource() != null) {
			request.getUserData().put(RESPONSE, response.getResponseResource());
		}
		if (enabled) {
			request.getUserData().put(STATUS, response.getResponseCode());
		}
		return true;
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
	public void completed(RequestDetails request) {
		record(request, "0", null);
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean failed(RequestDetails request, BaseServerResponseException exception) {
		record(request, exception.getStatusCode() >= 500 ? "8" : "4", exception.getMessage());
		return true;
	}

	private void record(RequestDetails request, String outcome, String message) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (!enabled || operation == null || operation == RestOperationTypeEnum.METADATA) {
			return;
		}
		enqueue(row(request, operation, outcome, message, Caller.current()));
	}

	private void enqueue(AuditRow row) {
		if (!queue.offer(row)) {
			write(List.of(row)); // the writer is behind: this request writes its own row rather than lose it
		}
	}

	/**
	 * A request refused before HAPI saw it (no or a bad token: 401; a body over the limit: 413): recorded
	 * too, with what is known of it — the address, the method and path, the reason.
	 */
	void refused(jakarta.servlet.http.HttpServletRequest request, int status, String reason) {
		if (!enabled) {
			return;
		}
		enqueue(new AuditRow(new Date(), null, "E", "4",
				status + " " + (reason.length() > 480 ? reason.substring(0, 480) : reason), null, null,
				"unauthenticated", null, request.getRemoteAddr(), List.of(),
				request.getMethod() + " " + request.getRequestURI(), null));
	}

	/**
	 * Writes what has queued up, as one JDBC batch and one commit: after the first event it collects for up to
	 * {@link #LINGER} (or until the batch is full), so under load the database sees a few commits a second
	 * rather than one per request.
	 */
	private void writeBatches() {
		List<AuditRow> batch = new ArrayList<>(BATCH);
		while (open || !queue.isEmpty()) {
			try {
				AuditRow first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				long deadline = System.nanoTime() + LINGER.toNanos();
				while (batch.size() < BATCH && open) {
					long left = deadline - System.nanoTime();
					AuditRow next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
					if (next == null) {
						break;
					}
					batch.add(next);
					queue.drainTo(batch, BATCH - batch.size());
				}
				write(batch);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			} finally {
				batch.clear();
			}
		}
	}

	/** Events waiting to be written. */
	int queued() {
		return queue.size();
	}

	/** Events that could not be stored since start (each logged as an error). */
	long failedWrites() {
		return failedWrites.get();
	}

	/** Appends a batch; a failure is logged as an error naming each event it could not store, never dropped silently. */
	private void write(List<AuditRow> batch) {
		try {
			store.append(batch);
		} catch (RuntimeException failure) {
			failedWrites.addAndGet(batch.size());
			batch.forEach(row -> log.error("Could not store the AuditEvent of {} by {} at {}: {}", row.subtype(),
					row.subject(), row.recorded(), failure.toString(), failure));
		}
	}

	private AuditRow row(RequestDetails request, RestOperationTypeEnum operation, String outcome, String message,
			Caller caller) {
		String action = action(operation);
		String description = message == null || message.length() <= 500 ? message : message.substring(0, 500);
		if (operation == RestOperationTypeEnum.CREATE && Integer.valueOf(200).equals(request.getUserData().get(STATUS))) {
			// a conditional create that matched an existing resource showed it: a read
			action = "R";
			description = "conditional create matched an existing resource";
		}
		String address = request instanceof ca.uhn.fhir.rest.server.servlet.ServletRequestDetails servlet
				&& servlet.getServletRequest() != null ? servlet.getServletRequest().getRemoteAddr() : null;
		String resource = request.getId() != null && request.getId().hasIdPart()
				? request.getId().toUnqualifiedVersionless().getValue() : request.getResourceName();
		String url = request.getCompleteUrl();
		String query = url == null || !url.contains("?") ? null : url.substring(url.indexOf('?') + 1);
		return new AuditRow(new Date(), operation.getCode(), action, outcome, description,
				caller == null ? null : caller.subject(), caller == null ? null : caller.fhirUser(),
				caller == null ? "anonymous (security switched off)" : null, caller == null ? null : caller.client(),
				address, List.copyOf(patients(request)), resource, query);
	}

	/**
	 * The patients a request touched or asked for: the Patient in the URL, the patients named in the query
	 * ({@code patient}, {@code subject}, a Patient's {@code _id}: also for counts and refused requests), the
	 * compartment owners of what went in (every entry of a transaction or batch) and of what came out.
	 */
	private Set<String> patients(RequestDetails request) {
		Set<String> patients = new LinkedHashSet<>();
		if ("Patient".equals(request.getResourceName()) && request.getId() != null && request.getId().hasIdPart()) {
			patients.add("Patient/" + request.getId().getIdPart());
		}
		asked(request, patients);
		Object received = request.getUserData().getOrDefault(SENT, request.getResource());
		if (received instanceof Bundle sent) {
			for (Bundle.BundleEntryComponent entry : sent.getEntry()) {
				owners(entry.getResource(), patients);
				String url = entry.getRequest().getUrl();
				if (url != null && url.matches("Patient/[A-Za-z0-9\\-.]{1,64}([/?].*)?")) {
					patients.add(url.replaceFirst("^(Patient/[^/?]+).*$", "$1"));
				}
			}
		} else if (received instanceof IBaseResource resource) {
			owners(resource, patients);
		}
		if (request.getUserData().get(nl.zorgpad.server.PopulationAnswers.PATIENTS_SHOWN) instanceof List<?> shown) {
			shown.forEach(patient -> patients.add(patient.toString())); // a population operation's whole answer
		}
		Object response = request.getUserData().get(RESPONSE);
		if (response instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				owners(entry.getResource(), patients);
				if (patients.size() >= MAX_PATIENTS) {
					break;
				}
			}
		} else if (response instanceof IBaseResource resource) {
			owners(resource, patients);
		}
		return patients;
	}

	/** From the URL as the client sent it (the parameters themselves may have been narrowed since). */
	private static void asked(RequestDetails request, Set<String> patients) {
		String url = request.getCompleteUrl();
		if (url == null || !url.contains("?")) {
			return;
		}
		java.util.Map<String, String[]> parameters = ca.uhn.fhir.util.UrlUtil.parseQueryString(
				url.substring(url.indexOf('?') + 1));
		for (String name : List.of("patient", "subject", "_id")) {
			if ("_id".equals(name) && !"Patient".equals(request.getResourceName())) {
				continue;
			}
			for (String value : parameters.getOrDefault(name, new String[0])) {
				for (String one : value.split(",")) {
					String id = one.replaceFirst("^.*Patient/", "");
					if (!id.isBlank() && id.matches("[A-Za-z0-9\\-.]{1,64}")
							&& (one.contains("Patient/") || "_id".equals(name))) {
						patients.add("Patient/" + id);
					}
				}
			}
		}
	}

	/** The patients a resource is about (the one definition, {@link PatientOf}; also for resources without id yet). */
	private void owners(IBaseResource resource, Set<String> patients) {
		if (resource == null || resource instanceof Bundle || resource instanceof AuditEvent
				|| resource instanceof org.hl7.fhir.r4.model.OperationOutcome
				|| resource instanceof org.hl7.fhir.r4.model.Parameters) {
			return;
		}
		patientOf.about(resource).forEach(id -> patients.add("Patient/" + id));
	}

	private static String action(RestOperationTypeEnum operation) {
		return switch (operation) {
			case CREATE -> "C";
			case UPDATE, PATCH, META_ADD, META_DELETE -> "U";
			case DELETE -> "D";
			case READ, VREAD, SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, GET_PAGE -> "R";
			default -> "E";
		};
	}

	/** Writes what is still queued, then stops. */
	@Override
	public void close() {
		open = false;
		try {
			writer.join(10_000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
