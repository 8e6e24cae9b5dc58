package nl.zorgpad.monitoring;

/** The counts of the monitoring report besides the listed patients, in the report's order (seed 001). */
public enum Measure {
	/** Patients with an active A49.01 (frailty) episode on the report date. */
	A49_01("a49-01"),
	/** Patients with an active A05 (deterioration) episode. */
	A05("a05"),
	/** Patients whose current frailty status is kwetsbaar. */
	KWETSBAAR("kwetsbaar"),
	/** Patients whose current frailty status is complex kwetsbaar. */
	COMPLEX_KWETSBAAR("complex-kwetsbaar"),
	/** Patients with an A20 (advance care planning) episode. */
	A20("a20"),
	/** MDOs held in the half year up to the report date. */
	MDOS_HELD("mdos-held"),
	/** Patients discussed in those MDOs. */
	PATIENTS_WITH_MDO("patients-with-mdo"),
	/** Patients with an active Gezondheidsplan. */
	PATIENTS_WITH_CARE_PLAN("patients-with-care-plan");

	private final String code;

	Measure(String code) {
		this.code = code;
	}

	/** Its name in the report (a Parameters part, a CSV column). */
	public String code() {
		return code;
	}
}
