package nl.zorgpad.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Set;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class MeetingFactsTest {

	@Test
	void anEncounterCodedWithTwoMeetingTypes_isTwoMeetings_onTheDutchDayItStarted() {
		Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
		encounter.addType(new CodeableConcept(new Coding(Codes.BASE + "meeting-type", "so-consult", null))
				.addCoding(new Coding(Codes.BASE + "meeting-type", "breed-mdo", null)));
		// 00:30 in Amsterdam is still the day before in UTC
		encounter.getPeriod().setStart(Date.from(LocalDate.of(2026, 11, 20).atTime(0, 30)
				.atZone(ZoneId.of("Europe/Amsterdam")).toInstant()));
		encounter.addParticipant().setIndividual(new Reference("PractitionerRole/so"));

		assertThat(MeetingFacts.meetingsOf(encounter, participant -> Set.of(CareTeamRole.SPECIALIST_OUDERENGENEESKUNDE)))
				.extracting(Meeting::type, Meeting::date, Meeting::isHeld)
				.containsExactly(
						org.assertj.core.groups.Tuple.tuple(MeetingType.SO_CONSULT, LocalDate.of(2026, 11, 20), true),
						org.assertj.core.groups.Tuple.tuple(MeetingType.BREED_MDO, LocalDate.of(2026, 11, 20), true));
		assertThat(MeetingFacts.meetingsOf(encounter, participant -> Set.of(CareTeamRole.SPECIALIST_OUDERENGENEESKUNDE))
				.get(0).hasParticipant(CareTeamRole.SPECIALIST_OUDERENGENEESKUNDE)).isTrue();
	}

	@Test
	void anOrdinaryConsult_isNoMeeting() {
		assertThat(MeetingFacts.isMeeting(new Encounter().setStatus(Encounter.EncounterStatus.FINISHED))).isFalse();
	}
}
