package nl.zorgpad.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pathway rules, one place: their stable ids (as carried in every refusal and warning, in
 * {@code CodeSystem/pathway-rule} and in {@code zorgpad.rules.disabled}), whether they refuse or warn, and the
 * resource types whose writes they judge. See docs/pathway.md for what each rule says and on which date.
 */
@PureDomain
public enum RuleId {
	R1("ZP-R1", Kind.REFUSE, "Encounter"),
	R2("ZP-R2", Kind.REFUSE, "Condition", "CarePlan"),
	R3("ZP-R3", Kind.REFUSE, "Condition"),
	R4("ZP-R4", Kind.REFUSE, "Encounter"),
	R5("ZP-R5", Kind.REFUSE, "Encounter"),
	R6("ZP-R6", Kind.REFUSE, "EpisodeOfCare"),
	R7("ZP-R7", Kind.REFUSE, "QuestionnaireResponse"),
	R8("ZP-R8", Kind.REFUSE, "CarePlan", "Task"),
	W1("ZP-W1", Kind.WARN, "Condition"),
	W2("ZP-W2", Kind.WARN, "Condition");

	/** A refusing rule stops the write (HTTP 422); a warning rule lets it through with a warning issue. */
	public enum Kind {
		REFUSE,
		WARN
	}

	private final String code;
	private final Kind kind;
	private final List<String> guards;

	RuleId(String code, Kind kind, String... guards) {
		this.code = code;
		this.kind = kind;
		this.guards = List.of(guards);
	}

	/** The id as written everywhere outside the code, e.g. {@code ZP-R1}. */
	public String code() {
		return code;
	}

	public Kind kind() {
		return kind;
	}

	/** The resource types whose writes this rule judges. */
	public List<String> guards() {
		return guards;
	}

	public static Optional<RuleId> fromCode(String code) {
		return Arrays.stream(values()).filter(rule -> rule.code.equals(code)).findFirst();
	}
}
