package nl.zorgpad.profiles;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Locale;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * {@code ValueSet/$expand?url=…} for the package's value sets and FHIR R4 core's, expanded in memory from
 * the code systems the validator holds (HAPI's in-memory terminology support). HAPI's own JPA expansion
 * needs a full-text index (Hibernate Search), which this server does not run; value sets uploaded by
 * clients are not expanded (404). {@code filter} keeps codes whose code or display contains it;
 * {@code count}/{@code offset} page the expansion.
 */
final class ValueSetExpansion {
	private final Profiles profiles;

	ValueSetExpansion(Profiles profiles) {
		this.profiles = profiles;
	}

	@Operation(name = "$expand", typeName = "ValueSet", idempotent = true)
	public ValueSet expand(
			@OperationParam(name = "url", min = 1, max = 1) UriType url,
			@OperationParam(name = "filter", max = 1) StringType filter,
			@OperationParam(name = "offset", max = 1) IntegerType offset,
			@OperationParam(name = "count", max = 1) IntegerType count) {
		if (url == null || url.isEmpty()) {
			throw new InvalidRequestException("$expand needs the url of the value set (url=…)");
		}
		IValidationSupport.ValueSetExpansionOutcome outcome = profiles.validator().expand(url.getValue())
				.orElseThrow(() -> new ResourceNotFoundException("No value set " + url.getValue() + " on this server"
						+ " (expanded are the value sets of the Zorgpad package and of FHIR R4)"));
		if (outcome.getValueSet() == null) {
			throw new InvalidRequestException("Value set " + url.getValue() + " cannot be expanded: " + outcome.getError());
		}
		// a copy: the chain caches the expansion, and filtering or paging it in place changed it for every later caller
		ValueSet expanded = ((ValueSet) outcome.getValueSet()).copy();
		ValueSet.ValueSetExpansionComponent expansion = expanded.getExpansion();
		if (filter != null && filter.hasValue()) {
			String part = filter.getValue().toLowerCase(Locale.ROOT);
			expansion.getContains().removeIf(code -> !(code.getCode() + " " + code.getDisplay())
					.toLowerCase(Locale.ROOT).contains(part));
			expansion.addParameter().setName("filter").setValue(filter);
		}
		int total = expansion.getContains().size();
		int from = Math.min(total, offset == null || offset.getValue() == null ? 0 : Math.max(0, offset.getValue()));
		int to = count == null || count.getValue() == null ? total : Math.min(total, from + Math.max(0, count.getValue()));
		expansion.setContains(new java.util.ArrayList<>(expansion.getContains().subList(from, to)));
		expansion.setTotal(total).setOffset(from);
		expansion.setTimestamp(new java.util.Date());
		return expanded;
	}
}
