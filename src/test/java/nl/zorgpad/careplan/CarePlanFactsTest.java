package nl.zorgpad.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CarePlanFactsTest {

	@ParameterizedTest
	@EnumSource(value = Task.TaskStatus.class, names = {"COMPLETED", "CANCELLED", "REJECTED", "FAILED", "ENTEREDINERROR"})
	void aTaskThatIsDoneWith_isNotOpen(Task.TaskStatus status) {
		assertThat(CarePlanFacts.isOpen(new Task().setStatus(status))).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = Task.TaskStatus.class, names = {"DRAFT", "REQUESTED", "RECEIVED", "ACCEPTED", "READY", "INPROGRESS", "ONHOLD"})
	void aTaskStillToBeDone_isOpen(Task.TaskStatus status) {
		assertThat(CarePlanFacts.isOpen(new Task().setStatus(status))).isTrue();
	}

	@Test
	void anActivityIsOpenUntilItIsCompletedCancelledStoppedOrEnteredInError() {
		CarePlan plan = new CarePlan();
		plan.addActivity().getDetail().setDescription("open, no status");
		plan.addActivity().getDetail().setDescription("in progress").setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS)
				.addPerformer(new Reference("PractitionerRole/1").setDisplay("fysiotherapeut"))
				.addExtension(CarePlanFacts.URGENCY, new CodeType("urgent"));
		plan.addActivity().getDetail().setDescription("stopped").setStatus(CarePlan.CarePlanActivityStatus.STOPPED);
		plan.addActivity().getDetail().setDescription("done").setStatus(CarePlan.CarePlanActivityStatus.COMPLETED);

		assertThat(CarePlanFacts.openActionsOf(plan)).containsExactly(
				new MdoNeedsCarePlan.Action("open, no status", null, null),
				new MdoNeedsCarePlan.Action("in progress", "fysiotherapeut", "urgent"));
	}

	@Test
	void aTaskReadsAsAnAction_ownerAndPriorityAsResponsibleAndUrgency() {
		Task task = new Task().setDescription("Valpreventie").setPriority(Task.TaskPriority.ASAP)
				.setOwner(new Reference("PractitionerRole/7"));
		task.addBasedOn(new Reference("CarePlan/plan-1"));
		assertThat(CarePlanFacts.actionOf(task))
				.isEqualTo(new MdoNeedsCarePlan.Action("Valpreventie", "PractitionerRole/7", "asap"));
		assertThat(CarePlanFacts.isBasedOnPlan(task, "plan-1")).isTrue();
		assertThat(CarePlanFacts.isBasedOnPlan(task, "plan-2")).isFalse();
	}

	@Test
	void theActiveGezondheidsplan_isTheActivePlanOfThatCategory_andAnEndingPlanIsCompletedRevokedOrInError() {
		CarePlan other = new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE);
		CarePlan draft = gezondheidsplan().setStatus(CarePlan.CarePlanStatus.DRAFT);
		CarePlan active = gezondheidsplan().setStatus(CarePlan.CarePlanStatus.ACTIVE);
		active.addActivity().getDetail().setDescription("Valpreventie");
		assertThat(CarePlanFacts.activeGezondheidsplan(java.util.List.of(other, draft, active))).containsSame(active);
		assertThat(CarePlanFacts.planOf(active).actions()).extracting(MdoNeedsCarePlan.Action::description)
				.containsExactly("Valpreventie");
		assertThat(CarePlanFacts.isGezondheidsplan(other)).isFalse();
		for (CarePlan.CarePlanStatus status : CarePlan.CarePlanStatus.values()) {
			boolean ending = status == CarePlan.CarePlanStatus.COMPLETED || status == CarePlan.CarePlanStatus.REVOKED
					|| status == CarePlan.CarePlanStatus.ENTEREDINERROR;
			assertThat(CarePlanFacts.isEnding(new CarePlan().setStatus(status))).as(status.name()).isEqualTo(ending);
		}
	}

	private static CarePlan gezondheidsplan() {
		CarePlan plan = new CarePlan();
		plan.addCategory(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
				nl.zorgpad.fhir.Codes.BASE + "careplan-category", "gezondheidsplan", null)));
		return plan;
	}
}
