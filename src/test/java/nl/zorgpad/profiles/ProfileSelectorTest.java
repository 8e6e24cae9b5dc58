package nl.zorgpad.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

class ProfileSelectorTest {
	private static final String SD = "https://zorgpad.nl/fhir/StructureDefinition/";
	private static final String CS = "https://zorgpad.nl/fhir/CodeSystem/";

	@Test
	void aConditionCodedA05_isAFrailtyEpisode_evenWithoutClaimingIt() {
		Condition condition = new Condition();
		condition.getCode().addCoding(new Coding(ProfileSelector.ICPC, "A05", null));

		assertThat(ProfileSelector.profilesFor(condition)).containsExactly(SD + "zp-frailty-episode");
	}

	@Test
	void aConditionCodedA49_01_isAFrailtyEpisode_andA20_anAcpEpisode() {
		Condition possiblyFrail = new Condition();
		possiblyFrail.getCode().addCoding(new Coding(ProfileSelector.ICPC, "A49.01", null));
		Condition acp = new Condition();
		acp.getCode().addCoding(new Coding(ProfileSelector.ICPC, "A20", null));

		assertThat(ProfileSelector.profilesFor(possiblyFrail)).containsExactly(SD + "zp-frailty-episode");
		assertThat(ProfileSelector.profilesFor(acp)).containsExactly(SD + "zp-acp-episode");
	}

	@Test
	void aProfileThatCarriesOnlyAnExtension_isNoClaim() {
		Condition condition = new Condition();
		condition.getMeta().addProfileElement().addExtension("http://hl7.org/fhir/StructureDefinition/data-absent-reason",
				new org.hl7.fhir.r4.model.CodeType("unknown"));
		condition.getCode().addCoding(new Coding(ProfileSelector.ICPC, "A05", null));

		assertThat(ProfileSelector.profilesFor(condition)).containsExactly(SD + "zp-frailty-episode");
	}

	@Test
	void aMessageAboutAPatient_isAZorgpadMessage_andOneAboutNoPatientIsNot() {
		org.hl7.fhir.r4.model.Communication aboutAPatient = new org.hl7.fhir.r4.model.Communication()
				.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/p1"));
		org.hl7.fhir.r4.model.Communication aboutAGroup = new org.hl7.fhir.r4.model.Communication()
				.setSubject(new org.hl7.fhir.r4.model.Reference("Group/g1"));

		assertThat(ProfileSelector.profilesFor(aboutAPatient)).containsExactly(SD + "zp-message");
		assertThat(ProfileSelector.profilesFor(aboutAGroup)).isEmpty();
		assertThat(ProfileSelector.profilesFor(new org.hl7.fhir.r4.model.Communication())).isEmpty();
	}

	@Test
	void aConditionWithAnotherIcpcCode_needsNoProfile() {
		Condition diabetes = new Condition();
		diabetes.getCode().addCoding(new Coding(ProfileSelector.ICPC, "T90", null));

		assertThat(ProfileSelector.profilesFor(diabetes)).isEmpty();
	}

	@Test
	void consentsAndMeetingsOfOurCategories_areProfiled() {
		Consent consent = new Consent();
		consent.addCategory(new CodeableConcept(new Coding(CS + "consent-category", "bespreken-kernteam", null)));
		Encounter meeting = new Encounter();
		meeting.addType(new CodeableConcept(new Coding(CS + "meeting-type", "kernteam-overleg", null)));

		assertThat(ProfileSelector.profilesFor(consent)).containsExactly(SD + "zp-consent");
		assertThat(ProfileSelector.profilesFor(meeting)).containsExactly(SD + "zp-meeting");
	}

	@Test
	void aResponseToOneOfOurQuestionnaires_isAnInstrumentResponse() {
		QuestionnaireResponse response = new QuestionnaireResponse();
		response.setQuestionnaire("https://zorgpad.nl/fhir/Questionnaire/gfi|0.1.0");

		assertThat(ProfileSelector.profilesFor(response)).containsExactly(SD + "zp-instrument-response");
	}

	@Test
	void claimedZorgpadProfilesCount_othersAreLeftAlone() {
		Patient patient = new Patient();
		patient.getMeta().addProfile(SD + "zp-patient|0.1.0");
		patient.getMeta().addProfile("http://nictiz.nl/fhir/StructureDefinition/nl-core-Patient");

		assertThat(ProfileSelector.profilesFor(patient)).containsExactly(SD + "zp-patient");
		assertThat(ProfileSelector.profilesFor(new Patient())).isEmpty();
	}
}
