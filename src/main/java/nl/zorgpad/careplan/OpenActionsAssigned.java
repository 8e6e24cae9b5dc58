package nl.zorgpad.careplan;

import java.util.List;
import java.util.Objects;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Shortfalls;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-R8: an open action of an active {@code gezondheidsplan} — an activity of the plan, or a Task based on
 * the plan — names a responsible owner and an urgency, on every write of the plan or the Task. Closed actions
 * (completed, cancelled, rejected, …) and plans that are not active are not judged.
 */
@PureDomain
public final class OpenActionsAssigned {

	/**
	 * @param ofAnActivePlan whether the actions belong to an active gezondheidsplan
	 * @param openActions the open actions written (the plan's activities, or the one Task)
	 */
	public record Facts(boolean ofAnActivePlan, List<MdoNeedsCarePlan.Action> openActions) {
		public Facts {
			openActions = List.copyOf(Objects.requireNonNullElse(openActions, List.of()));
		}
	}

	private OpenActionsAssigned() {}

	public static Verdict evaluate(Facts facts) {
		if (!facts.ofAnActivePlan()) {
			return Verdict.allowed();
		}
		Shortfalls missing = new Shortfalls();
		MdoNeedsCarePlan.addIncompleteActions(facts.openActions(), missing);
		return missing.verdict(RuleId.R8, "Open acties van een actief gezondheidsplan hebben een"
				+ " verantwoordelijke en een urgentie nodig: ", "Open actions of an active care plan need an owner and an urgency: ");
	}
}
