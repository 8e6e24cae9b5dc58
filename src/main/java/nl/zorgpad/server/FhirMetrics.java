package nl.zorgpad.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * {@code zorgpad_fhir_requests_seconds}: the time of every FHIR request, tagged by interaction
 * ({@code read}, {@code search_type}, {@code transaction}, {@code extended_operation_type}, …), resource type
 * (only types the server knows, else {@code other}, so a URL cannot create new series) and status class.
 * Spring's own HTTP metrics do not see the FHIR servlet.
 */
final class FhirMetrics {
	private final MeterRegistry registry;
	private final FhirContext context;

	FhirMetrics(MeterRegistry registry, FhirContext context) {
		this.registry = registry;
		this.context = context;
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
	public void completed(RequestDetails request, ServletRequestDetails servlet) {
		String interaction = request.getRestOperationType() == null ? "other"
				: request.getRestOperationType().name().toLowerCase(java.util.Locale.ROOT);
		String type = request.getResourceName() != null && context.getResourceTypes().contains(request.getResourceName())
				? request.getResourceName() : "other";
		int status = servlet == null || servlet.getServletResponse() == null ? 0 : servlet.getServletResponse().getStatus();
		Timer.builder("zorgpad.fhir.requests")
				.description("FHIR requests by interaction, resource type and status class")
				.tag("interaction", interaction).tag("type", type).tag("status", status / 100 + "xx")
				.register(registry)
				.record(request.getRequestStopwatch().getMillis(), TimeUnit.MILLISECONDS);
	}
}
