package nl.zorgpad.careplan;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Task;

/** How a CarePlan reads as the Gezondheidsplan with its actions, and a Task as an action assigned to someone. */
public final class CarePlanFacts {
	/** Extension on a plan activity: its urgency (request-priority code). */
	public static final String URGENCY = "https://zorgpad.nl/fhir/StructureDefinition/zp-urgency";

	/** Activities that are done with: completed, cancelled, stopped, entered in error. */
	private static final Set<CarePlan.CarePlanActivityStatus> CLOSED_ACTIVITY = EnumSet.of(
			CarePlan.CarePlanActivityStatus.COMPLETED, CarePlan.CarePlanActivityStatus.CANCELLED,
			CarePlan.CarePlanActivityStatus.STOPPED, CarePlan.CarePlanActivityStatus.ENTEREDINERROR);
	/** Tasks that are done with: completed, cancelled, rejected, failed, entered in error. */
	public static final Set<Task.TaskStatus> CLOSED_TASK = EnumSet.of(Task.TaskStatus.COMPLETED,
			Task.TaskStatus.CANCELLED, Task.TaskStatus.REJECTED, Task.TaskStatus.FAILED, Task.TaskStatus.ENTEREDINERROR);

	private CarePlanFacts() {}

	public static boolean isGezondheidsplan(CarePlan plan) {
		return Codes.code(plan.getCategory(), "careplan-category").isPresent();
	}

	public static boolean isActive(CarePlan plan) {
		return plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE;
	}

	/** The plan ends (completed, revoked, entered in error). */
	public static boolean isEnding(CarePlan plan) {
		return plan.getStatus() == CarePlan.CarePlanStatus.COMPLETED || plan.getStatus() == CarePlan.CarePlanStatus.REVOKED
				|| plan.getStatus() == CarePlan.CarePlanStatus.ENTEREDINERROR;
	}

	/** The patient's active Gezondheidsplan among their CarePlans. */
	public static Optional<CarePlan> activeGezondheidsplan(List<CarePlan> plans) {
		return plans.stream().filter(CarePlanFacts::isActive).filter(CarePlanFacts::isGezondheidsplan).findFirst();
	}

	/** An activity is open until it is completed, cancelled, stopped or entered in error. */
	public static boolean isOpen(CarePlan.CarePlanActivityDetailComponent detail) {
		return !detail.hasStatus() || !CLOSED_ACTIVITY.contains(detail.getStatus());
	}

	/** A work item is open until it is completed, cancelled, rejected, failed or entered in error. */
	public static boolean isOpen(Task task) {
		return task.hasStatus() && !CLOSED_TASK.contains(task.getStatus());
	}

	/** Every action of the plan as the rules see it. */
	public static MdoNeedsCarePlan.Plan planOf(CarePlan plan) {
		return new MdoNeedsCarePlan.Plan(plan.getActivity().stream().map(activity -> actionOf(activity.getDetail())).toList());
	}

	/** The open actions of the plan. */
	public static List<MdoNeedsCarePlan.Action> openActionsOf(CarePlan plan) {
		return plan.getActivity().stream().map(CarePlan.CarePlanActivityComponent::getDetail)
				.filter(CarePlanFacts::isOpen).map(CarePlanFacts::actionOf).toList();
	}

	/** An action of the plan: what, who is responsible (first performer), how urgent (extension zp-urgency). */
	public static MdoNeedsCarePlan.Action actionOf(CarePlan.CarePlanActivityDetailComponent detail) {
		String description = detail.hasDescription() ? detail.getDescription() : detail.getCode().getText();
		String responsible = detail.getPerformer().stream().map(Codes::shown).findFirst().orElse(null);
		return new MdoNeedsCarePlan.Action(description, responsible, urgencyOf(detail).orElse(null));
	}

	public static Optional<String> urgencyOf(CarePlan.CarePlanActivityDetailComponent detail) {
		Extension urgency = detail.getExtensionByUrl(URGENCY);
		return urgency != null && urgency.getValue() != null
				? Optional.ofNullable(urgency.getValue().primitiveValue())
				: Optional.empty();
	}

	/** A Task as an action: what, its owner, its priority (the urgency). */
	public static MdoNeedsCarePlan.Action actionOf(Task task) {
		String owner = task.hasOwner() ? Codes.shown(task.getOwner()) : null;
		String urgency = task.hasPriority() ? task.getPriority().toCode() : null;
		String description = task.hasDescription() ? task.getDescription() : task.getCode().getText();
		return new MdoNeedsCarePlan.Action(description, owner, urgency);
	}

	/** Whether the Task is based on the CarePlan with this id part. */
	public static boolean isBasedOnPlan(Task task, String planId) {
		return task.getBasedOn().stream().anyMatch(basedOn -> "CarePlan".equals(basedOn.getReferenceElement().getResourceType())
				&& (planId == null || planId.equals(basedOn.getReferenceElement().getIdPart())));
	}
}
