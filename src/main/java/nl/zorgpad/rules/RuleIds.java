package nl.zorgpad.rules;

/** The stable pathway rule ids (SPEC section 4), as carried in every refusal and warning. */
@PureDomain
public final class RuleIds {
	public static final String R1_CONSENT_BEFORE_DISCUSSION = "ZP-R1";
	public static final String R2_PARTICIPATION_CONSENT = "ZP-R2";
	public static final String R3_COMPLEX_FRAILTY_CRITERIA = "ZP-R3";
	public static final String R4_SINGLE_COORDINATOR = "ZP-R4";
	public static final String R5_MDO_NEEDS_CARE_PLAN = "ZP-R5";
	public static final String R6_GZSP_TRAJECTORY = "ZP-R6";
	public static final String R7_INSTRUMENT_TOTAL = "ZP-R7";
	public static final String R8_OPEN_ACTIONS_ASSIGNED = "ZP-R8";
	public static final String W1_TARGET_AGE = "ZP-W1";
	public static final String W2_MULTI_DOMAIN_ASSESSMENT = "ZP-W2";

	private RuleIds() {}
}
