package nl.zorgpad.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zorgpad.fhir.Outcomes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates every stored pathway resource against its Zorgpad profile. Hooks the storage pointcuts, so
 * it holds for plain REST writes, conditional writes and every entry of a transaction or batch; a refusal
 * inside a transaction rolls the whole transaction back.
 */
final class ProfileValidationInterceptor {
	private static final Logger log = LoggerFactory.getLogger(ProfileValidationInterceptor.class);

	private final FhirContext context;
	private final Profiles profiles;
	private final Timer validations;

	ProfileValidationInterceptor(FhirContext context, Profiles profiles, MeterRegistry metrics) {
		this.context = context;
		this.profiles = profiles;
		this.validations = Timer.builder("zorgpad.validation").description("Profile validation of stored resources")
				.register(metrics);
	}

	/** Conformance first (order), so a malformed resource is told what is malformed before any pathway rule. */
	static final int ORDER = -100;
	/** Deeper than any real record (a questionnaire's nested items stay far below it). */
	static final int MAX_DEPTH = 100;

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = ORDER)
	public void created(IBaseResource resource) {
		check(resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = ORDER)
	public void updated(IBaseResource oldResource, IBaseResource newResource) {
		check(newResource);
	}

	private void check(IBaseResource resource) {
		if (!(resource instanceof Resource r4)) {
			return;
		}
		Set<String> claimed = ProfileSelector.profilesFor(r4);
		if (claimed.isEmpty()) {
			return;
		}
		if (deeperThan(r4, MAX_DEPTH)) { // HL7's validator recurses per level and would overflow its stack
			throw refusal(List.of(issue(r4.fhirType(), "Elements are nested more than " + MAX_DEPTH
					+ " levels deep (e.g. extensions within extensions); such a resource cannot be validated")));
		}
		ProfileValidator validator = profiles.validator();
		List<OperationOutcome.OperationOutcomeIssueComponent> errors = validations.record(
						() -> validator.validate(resource, claimed)).stream()
				.filter(ProfileValidationInterceptor::isError)
				.map(message -> issue(message.getLocation(), message.getMessage()))
				.toList();
		if (!errors.isEmpty()) {
			log.info("refused {} against {}: {} error(s), first: {}", r4.fhirType(), claimed, errors.size(),
					errors.get(0).getDiagnostics());
			throw refusal(errors);
		}
	}

	/** Whether any element lies more than {@code limit} levels below the resource (walked without recursion). */
	static boolean deeperThan(Base resource, int limit) {
		Deque<Map.Entry<Base, Integer>> open = new ArrayDeque<>();
		open.push(Map.entry(resource, 0));
		while (!open.isEmpty()) {
			Map.Entry<Base, Integer> next = open.pop();
			if (next.getValue() > limit) {
				return true;
			}
			for (Property property : next.getKey().children()) {
				for (Base value : property.getValues()) {
					open.push(Map.entry(value, next.getValue() + 1));
				}
			}
		}
		return false;
	}

	private static boolean isError(ValidationMessage message) {
		return message.getLevel() == ValidationMessage.IssueSeverity.ERROR
				|| message.getLevel() == ValidationMessage.IssueSeverity.FATAL;
	}

	private static OperationOutcome.OperationOutcomeIssueComponent issue(String expression, String diagnostics) {
		OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.INVALID)
				.setDiagnostics(diagnostics);
		if (expression != null) {
			issue.addExpression(expression);
			issue.addLocation(expression);
		}
		return issue;
	}

	private UnprocessableEntityException refusal(List<OperationOutcome.OperationOutcomeIssueComponent> issues) {
		return Outcomes.unprocessable(context, issues,
				"Resource does not conform to its Zorgpad profile: " + issues.get(0).getDiagnostics());
	}
}
