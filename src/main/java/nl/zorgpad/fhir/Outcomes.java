package nl.zorgpad.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * The one place OperationOutcomes are built: issues, the 422 a rule or profile gives, and the bodies servlet
 * filters write before HAPI sees a request (too large, no token, no access).
 */
public final class Outcomes {
	private Outcomes() {}

	/** An error issue of this type saying {@code diagnostics}. */
	public static OperationOutcomeIssueComponent error(IssueType type, String diagnostics) {
		return new OperationOutcomeIssueComponent().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
	}

	public static OperationOutcome of(List<OperationOutcomeIssueComponent> issues) {
		OperationOutcome outcome = new OperationOutcome();
		issues.forEach(outcome::addIssue);
		return outcome;
	}

	/** HTTP 422 with these issues; {@code summary} is what the log and HAPI's message say. */
	public static UnprocessableEntityException unprocessable(
			FhirContext context, List<OperationOutcomeIssueComponent> issues, String summary) {
		return new UnprocessableEntityException(context, of(issues)) {
			@Override
			public String getMessage() {
				return summary;
			}
		};
	}

	/** Writes an error OperationOutcome as the whole response (for filters that answer before HAPI). */
	public static void write(HttpServletResponse response, int status, IssueType type, String message) throws IOException {
		response.setStatus(status);
		if (status == HttpServletResponse.SC_UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getOutputStream().write(FhirContext.forR4Cached().newJsonParser()
				.encodeResourceToString(of(List.of(error(type, message)))).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}
}
