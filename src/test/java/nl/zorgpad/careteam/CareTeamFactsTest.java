package nl.zorgpad.careteam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class CareTeamFactsTest {

	@Test
	void aPractitionerRole_hasTheDisciplinesOfItsCareTeamRoleCodes_only() {
		PractitionerRole role = new PractitionerRole();
		role.addCode(new CodeableConcept(new Coding(Codes.BASE + "care-team-role", "wijkverpleegkundige", null)));
		role.addCode(new CodeableConcept(new Coding("http://snomed.info/sct", "106292003", null)));
		role.addCode(new CodeableConcept(new Coding(Codes.BASE + "care-team-role", "no-such-role", null)));
		assertThat(CareTeamFacts.disciplinesOf(role)).containsExactly(CareTeamRole.WIJKVERPLEEGKUNDIGE);
	}

	@Test
	void theCoreTeam_isEveryMemberOfTheCurrentTeamsOnce_withDisciplineAndTeamRole() {
		CareTeam current = team(CareTeam.CareTeamStatus.ACTIVE);
		current.addParticipant().setMember(new Reference("PractitionerRole/poh").setDisplay("POH Van Dijk"))
				.addRole(new CodeableConcept(new Coding(Codes.BASE + "care-team-role", "coordinator", null)));
		current.addParticipant().setMember(new Reference("PractitionerRole/so"));
		CareTeam noStatus = team(null);
		noStatus.addParticipant().setMember(new Reference("PractitionerRole/so")); // the same member again
		CareTeam ended = team(CareTeam.CareTeamStatus.INACTIVE);
		ended.addParticipant().setMember(new Reference("PractitionerRole/gone"));
		Map<String, Set<CareTeamRole>> disciplines = Map.of(
				"PractitionerRole/poh", Set.of(CareTeamRole.POH_OUDERENZORG),
				"PractitionerRole/so", Set.of(CareTeamRole.SPECIALIST_OUDERENGENEESKUNDE));

		List<CareTeamMember> members = CareTeamFacts.coreTeam(List.of(current, noStatus, ended),
				member -> disciplines.getOrDefault(member.getReference(), Set.of()));

		assertThat(members).containsExactly(
				new CareTeamMember("POH Van Dijk", Set.of(CareTeamRole.POH_OUDERENZORG, CareTeamRole.COORDINATOR)),
				new CareTeamMember("PractitionerRole/so", Set.of(CareTeamRole.SPECIALIST_OUDERENGENEESKUNDE)));
		assertThat(CareTeamFacts.membersOf(ended)).extracting(Reference::getReference).containsExactly("PractitionerRole/gone");
	}

	@Test
	void theSocialDomain_isTheSocialWorkerAndWelfare() {
		assertThat(List.of(CareTeamRole.values())).filteredOn(CareTeamRole::isSocialDomain)
				.containsExactlyInAnyOrder(CareTeamRole.MAATSCHAPPELIJK_WERKER, CareTeamRole.WELZIJN);
		assertThat(CareTeamRole.fromCode("welzijn")).contains(CareTeamRole.WELZIJN);
		assertThat(CareTeamRole.fromCode("bakker")).isEmpty();
	}

	private static CareTeam team(CareTeam.CareTeamStatus status) {
		CareTeam team = new CareTeam();
		if (status != null) {
			team.setStatus(status);
		}
		return team;
	}
}
