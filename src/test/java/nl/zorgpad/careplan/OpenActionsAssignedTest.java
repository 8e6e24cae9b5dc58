package nl.zorgpad.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.zorgpad.careplan.MdoNeedsCarePlan.Action;
import nl.zorgpad.careplan.OpenActionsAssigned.Facts;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Test;

class OpenActionsAssignedTest {

	@Test
	void allowsAnActivePlanWhoseOpenActionsHaveOwnerAndUrgency() {
		assertThat(OpenActionsAssigned.evaluate(new Facts(true, List.of(new Action("Valpreventie", "POH", "urgent")))))
				.isInstanceOf(Verdict.Allowed.class);
	}

	@Test
	void refusesAnOpenActionWithoutOwner_namingItAndRuleR8() {
		Verdict verdict = OpenActionsAssigned.evaluate(new Facts(true, List.of(
				new Action("Valpreventie", "POH", "urgent"), new Action("Medicatiereview", null, "routine"))));

		assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
			assertThat(refused.reason().ruleId()).isEqualTo("ZP-R8");
			assertThat(refused.reason().english()).contains("action 2 'Medicatiereview' a responsible member");
		});
	}

	@Test
	void refusesAnUrgencyOutsideRequestPriority() {
		assertThat(OpenActionsAssigned.evaluate(new Facts(true, List.of(new Action("x", "POH", "soon")))))
				.isInstanceOf(Verdict.Refused.class);
	}

	@Test
	void doesNotJudgeActionsOfAPlanThatIsNotActive() {
		assertThat(OpenActionsAssigned.evaluate(new Facts(false, List.of(new Action("x", null, null)))))
				.isInstanceOf(Verdict.Allowed.class);
	}
}
