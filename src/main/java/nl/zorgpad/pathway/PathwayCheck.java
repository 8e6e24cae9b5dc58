package nl.zorgpad.pathway;

import java.util.List;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Verdict;
import org.hl7.fhir.r4.model.Resource;

/**
 * One pathway rule applied to the writes of one resource type: it gathers the facts from the patient's record
 * and asks the rule's pure {@code evaluate}. Switched on and off by its rule id.
 *
 * @param rule the rule it applies
 * @param guards the resource type whose writes it judges
 * @param judge the resource before the write (null for a create), the resource written, the patient's record
 */
record PathwayCheck<T extends Resource>(RuleId rule, Class<T> guards, Judge<T> judge) {

	interface Judge<T> {
		List<Verdict> judge(T previous, T next, PatientRecord record);
	}

	boolean guards(Resource resource) {
		return guards.isInstance(resource);
	}

	List<Verdict> apply(Resource previous, Resource next, PatientRecord record) {
		return judge.judge(guards.isInstance(previous) ? guards.cast(previous) : null, guards.cast(next), record);
	}
}
