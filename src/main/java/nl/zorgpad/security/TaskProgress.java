package nl.zorgpad.security;

import java.util.List;
import org.hl7.fhir.r4.model.Task;

/**
 * What the owner of a Task who is not in the patient's care relation may change: its progress — status,
 * status reason, business status, output, notes, execution period and last modification — and nothing else
 * (not who it is for, what it is based on, who owns it, its priority or due date).
 */
final class TaskProgress {
	private TaskProgress() {}

	/** Whether {@code next} differs from {@code previous} in progress elements only. */
	static boolean onlyProgress(Task previous, Task next) {
		return withoutProgress(previous).equalsDeep(withoutProgress(next));
	}

	private static Task withoutProgress(Task task) {
		Task copy = task.copy();
		copy.setStatus(null).setStatusReason(null).setBusinessStatus(null).setOutput(List.of()).setNote(List.of())
				.setExecutionPeriod(null).setLastModified(null);
		copy.setText(null);
		copy.setMeta(null);
		copy.setId((String) null);
		return copy;
	}
}
