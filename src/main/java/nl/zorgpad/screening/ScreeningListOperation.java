package nl.zorgpad.screening;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.server.PopulationAnswers;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/Patient/$screening-list} (SPEC §6): the patients for targeted case finding, oldest first,
 * as a paged searchset Bundle whose entries carry the reason columns, or with {@code _format=csv} the whole
 * list ({@link ScreeningList}).
 */
final class ScreeningListOperation {
	static final OperationDeclaration DECLARATION = OperationDeclaration.population("$screening-list",
			OperationDeclaration.Level.TYPE, Patient.class,
			Set.of("Patient", "Condition", "Encounter", "MedicationStatement", "MedicationRequest"));

	private final ScreeningPopulation population;
	private final PopulationAnswers answers;

	ScreeningListOperation(ScreeningPopulation population, PopulationAnswers answers) {
		this.population = population;
		this.answers = answers;
	}

	@Operation(name = "$screening-list", typeName = "Patient", idempotent = true, manualResponse = true)
	public void screeningList(
			@OperationParam(name = "minAge") IntegerType minAge,
			@OperationParam(name = "date") DateType date,
			@OperationParam(name = "minMedications") IntegerType minMedications,
			@OperationParam(name = "notSeenMonths") IntegerType notSeenMonths,
			@OperationParam(name = "practice") StringType practice,
			@OperationParam(name = "_count") IntegerType count,
			@OperationParam(name = "_offset") IntegerType offset,
			ServletRequestDetails request,
			HttpServletResponse response) throws IOException {
		ScreeningCriteria criteria;
		try {
			criteria = new ScreeningCriteria(
					minAge == null ? ScreeningCriteria.DEFAULT_MIN_AGE : minAge.getValue(),
					answers.day(date),
					minMedications == null ? null : minMedications.getValue(),
					notSeenMonths == null ? null : notSeenMonths.getValue(),
					PopulationAnswers.practice(practice));
		} catch (IllegalArgumentException invalid) {
			throw new InvalidRequestException(invalid.getMessage());
		}
		answers.answer(request, response, new ScreeningList(population, criteria), count, offset);
	}
}
