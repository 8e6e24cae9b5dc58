package nl.zorgpad.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import nl.zorgpad.rules.Verdict;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Turns rule findings into FHIR: a refusal is HTTP 422 with a business-rule issue naming the rule id. */
public final class RuleOutcomes {
	public static final String RULE_SYSTEM = "https://zorgpad.nl/fhir/CodeSystem/pathway-rule";

	private RuleOutcomes() {}

	public static UnprocessableEntityException refusal(FhirContext context, Verdict.Finding reason) {
		return Outcomes.unprocessable(context, List.of(issue(reason, OperationOutcome.IssueSeverity.ERROR)),
				reason.ruleId() + ": " + reason.message());
	}

	public static OperationOutcome.OperationOutcomeIssueComponent issue(
			Verdict.Finding finding, OperationOutcome.IssueSeverity severity) {
		OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent()
				.setSeverity(severity)
				.setCode(OperationOutcome.IssueType.BUSINESSRULE)
				.setDiagnostics(finding.message());
		issue.getDetails().addCoding().setSystem(RULE_SYSTEM).setCode(finding.ruleId());
		issue.getDetails().setText(finding.message());
		return issue;
	}
}
