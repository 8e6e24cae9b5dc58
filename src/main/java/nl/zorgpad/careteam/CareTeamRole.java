package nl.zorgpad.careteam;

import java.util.Arrays;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;

/** Code system {@code care-team-role}: a professional's discipline, plus the extra role {@code coordinator}. */
@PureDomain
public enum CareTeamRole {
	HUISARTS("huisarts"),
	POH_OUDERENZORG("poh-ouderenzorg"),
	SPECIALIST_OUDERENGENEESKUNDE("specialist-ouderengeneeskunde"),
	VERPLEEGKUNDIG_SPECIALIST("verpleegkundig-specialist"),
	WIJKVERPLEEGKUNDIGE("wijkverpleegkundige"),
	CASEMANAGER_DEMENTIE("casemanager-dementie"),
	MAATSCHAPPELIJK_WERKER("maatschappelijk-werker"),
	WELZIJN("welzijn"),
	APOTHEKER("apotheker"),
	COORDINATOR("coordinator");

	private final String code;

	CareTeamRole(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	/** A discipline, as opposed to the coordinator role a member has in addition to one. */
	public boolean isDiscipline() {
		return this != COORDINATOR;
	}

	/** The social domain (social work, welfare): no access to the medical record. */
	public boolean isSocialDomain() {
		return this == MAATSCHAPPELIJK_WERKER || this == WELZIJN;
	}

	public static Optional<CareTeamRole> fromCode(String code) {
		return Arrays.stream(values()).filter(value -> value.code.equals(code)).findFirst();
	}
}
