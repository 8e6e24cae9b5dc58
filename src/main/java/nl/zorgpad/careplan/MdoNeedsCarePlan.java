package nl.zorgpad.careplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.zorgpad.frailty.FrailtyStatus;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.meeting.MeetingType;
import nl.zorgpad.rules.PureDomain;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.Shortfalls;
import nl.zorgpad.rules.Verdict;

/**
 * ZP-R5: a {@code breed-mdo} (any status but cancelled) needs the patient to be complex frail and to have an
 * active {@code gezondheidsplan}, in which each action names a responsible member and an urgency.
 */
@PureDomain
public final class MdoNeedsCarePlan {
	/** FHIR request-priority codes, carried in extension zp-urgency. */
	public static final Set<String> URGENCIES = Set.of("routine", "urgent", "asap", "stat");

	/**
	 * @param meeting the Encounter being written
	 * @param frailtyStatus the patient's current frailty status (null when none)
	 * @param activePlan the patient's active gezondheidsplan CarePlan (null when there is none)
	 */
	public record Facts(Meeting meeting, FrailtyStatus frailtyStatus, Plan activePlan) {
		public Facts {
			Objects.requireNonNull(meeting, "meeting");
		}
	}

	/** @param actions CarePlan.activity, in order */
	public record Plan(List<Action> actions) {
		public Plan {
			actions = List.copyOf(Objects.requireNonNullElse(actions, List.of()));
		}
	}

	/**
	 * @param description activity.detail.description (or code text; null when none)
	 * @param responsible the activity.detail.performer, as named in messages (null when none)
	 * @param urgency the zp-urgency code (null when none)
	 */
	public record Action(String description, String responsible, String urgency) {}

	private MdoNeedsCarePlan() {}

	public static Verdict evaluate(Facts facts) {
		if (facts.meeting().type() != MeetingType.BREED_MDO || facts.meeting().isCancelled()) {
			return Verdict.allowed();
		}
		Shortfalls missing = new Shortfalls();
		if (facts.frailtyStatus() != FrailtyStatus.COMPLEX_KWETSBAAR) {
			String now = facts.frailtyStatus() == null ? "geen / none" : facts.frailtyStatus().code();
			missing.add(
					"status complex-kwetsbaar van de kwetsbaarheidsepisode (nu: " + now + ")",
					"frailty status complex-kwetsbaar on the frailty episode (now: " + now + ")");
		}
		if (facts.activePlan() == null) {
			missing.add(
					"een actief gezondheidsplan (CarePlan gezondheidsplan, status active)",
					"an active care plan (CarePlan gezondheidsplan, status active)");
		} else {
			addIncompleteActions(facts.activePlan().actions(), missing);
		}
		return missing.verdict(
				RuleId.R5, "Een breed MDO vraagt eerst: ", "A broad MDO (breed-mdo) first needs: ");
	}

	/** Each action that lacks a responsible member or a valid urgency, named by number and description. */
	static void addIncompleteActions(List<Action> actions, Shortfalls missing) {
		for (int i = 0; i < actions.size(); i++) {
			Action action = actions.get(i);
			List<String> dutch = new ArrayList<>();
			List<String> english = new ArrayList<>();
			if (isBlank(action.responsible())) {
				dutch.add("een verantwoordelijke (performer/owner)");
				english.add("a responsible member (performer/owner)");
			}
			if (action.urgency() == null || !URGENCIES.contains(action.urgency())) {
				dutch.add("een urgentie (routine, urgent, asap of stat)");
				english.add("an urgency (routine, urgent, asap or stat)");
			}
			if (!dutch.isEmpty()) {
				String name = "" + (i + 1) + (isBlank(action.description()) ? "" : " '" + action.description() + "'");
				missing.add(
						"bij actie " + name + " " + String.join(" en ", dutch),
						"for action " + name + " " + String.join(" and ", english));
			}
		}
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}
}
