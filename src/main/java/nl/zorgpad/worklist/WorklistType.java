package nl.zorgpad.worklist;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The worklists of {@code $worklist} (CodeSystem {@code worklist-type}). */
public enum WorklistType {
	/** Complex frail patients without an MDO in the last 12 months. */
	MDO_DUE("mdo-due"),
	/** Active GZSP trajectories whose evaluation is due. */
	EVALUATION_DUE("evaluation-due"),
	/** Active consents 12 months old or more. */
	CONSENT_REVIEW("consent-review"),
	/** Open Tasks past their due date. */
	TASKS_OVERDUE("tasks-overdue");

	static final String SYSTEM = "https://zorgpad.nl/fhir/CodeSystem/worklist-type";

	private final String code;

	WorklistType(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** The worklist with this code; refuses any other code, naming the ones there are. */
	static WorklistType of(String code) {
		return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("type must be one of "
						+ Arrays.stream(values()).map(WorklistType::code).collect(Collectors.joining(", "))
						+ "; not '" + code + "'"));
	}
}
