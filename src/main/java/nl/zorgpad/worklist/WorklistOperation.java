package nl.zorgpad.worklist;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.PopulationAnswers;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/$worklist?type=mdo-due|evaluation-due|consent-review|tasks-overdue[&practice=…][&date=…]}
 * (SPEC §6): what a coordinator has to do, most overdue first, as a paged searchset Bundle or with
 * {@code _format=csv} the whole list ({@link Worklist}).
 */
final class WorklistOperation {
	static final OperationDeclaration DECLARATION = OperationDeclaration.population("$worklist",
			OperationDeclaration.Level.SERVER, null,
			Set.of("Patient", "Condition", "Consent", "Encounter", "EpisodeOfCare", "QuestionnaireResponse", "Task"));

	private final WorklistSource source;
	private final ResourceStore store;
	private final PopulationAnswers answers;

	WorklistOperation(WorklistSource source, ResourceStore store, PopulationAnswers answers) {
		this.source = source;
		this.store = store;
		this.answers = answers;
	}

	@Operation(name = "$worklist", idempotent = true, manualResponse = true)
	public void worklist(
			@OperationParam(name = "type", min = 1) CodeType type,
			@OperationParam(name = "date") DateType date,
			@OperationParam(name = "practice") StringType practice,
			@OperationParam(name = "_count") IntegerType count,
			@OperationParam(name = "_offset") IntegerType offset,
			ServletRequestDetails request,
			HttpServletResponse response) throws IOException {
		WorklistType kind;
		try {
			kind = WorklistType.of(type == null ? null : type.getValue());
		} catch (IllegalArgumentException unknown) {
			throw new InvalidRequestException(unknown.getMessage());
		}
		Worklist list = new Worklist(kind, PopulationAnswers.practice(practice), answers.day(date), source, store);
		answers.answer(request, response, list, count, offset);
	}
}
