package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import nl.zorgpad.security.AccessPolicy.Role;
import nl.zorgpad.security.AccessPolicy.Subject;
import nl.zorgpad.security.AccessPolicy.Viewer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessPolicyTest {
	private static final Viewer NURSE = new Viewer(Role.PROFESSIONAL, Set.of("a"), Set.of("Organization/practice"));
	private static final Viewer SOCIAL = new Viewer(Role.SOCIAL_DOMAIN, Set.of("a"), Set.of());
	private static final Viewer PATIENT_A = new Viewer(Role.PATIENT, Set.of("a"), Set.of());

	private static Subject about(String type, String... patients) {
		return new Subject(type, null, Set.of(patients), false);
	}

	@Nested
	class AssignedWork {
		private final Viewer physiotherapist = new Viewer(Role.PROFESSIONAL, Set.of(), Set.of(),
				new AccessPolicy.Work(Set.of("t1"), Set.of("Task/t1", "ServiceRequest/r1", "Patient/b", "Condition/c9"),
						Set.of(), Set.of("b")),
				"PractitionerRole/physio");

		@Test
		void theOwnerOfATask_readsTheTaskWhatItIsBasedOnAndItsPatient_butNothingElseOfThePatient() {
			assertThat(AccessPolicy.mayRead(physiotherapist, new Subject("Task", "t1", Set.of("b"), false))).isTrue();
			assertThat(AccessPolicy.mayRead(physiotherapist, new Subject("ServiceRequest", "r1", Set.of("b"), false))).isTrue();
			assertThat(AccessPolicy.mayRead(physiotherapist, new Subject("Patient", "b", Set.of("b"), false))).isTrue();
			assertThat(AccessPolicy.mayRead(physiotherapist, new Subject("Condition", "c1", Set.of("b"), false))).isFalse();
			assertThat(AccessPolicy.mayRead(physiotherapist, new Subject("Task", "t2", Set.of("b"), false))).isFalse();
		}

		@Test
		void whatATaskNamesOfAnotherPatient_staysHidden() {
			assertThat(AccessPolicy.mayRead(physiotherapist, new Subject("Condition", "c9", Set.of("z"), false))).isFalse();
		}

		@Test
		void theOwnerReportsProgressOnTheirTask_butWritesNothingElseOfThePatient() {
			assertThat(AccessPolicy.mayReportProgress(physiotherapist, new Subject("Task", "t1", Set.of("b"), false))).isTrue();
			assertThat(AccessPolicy.mayReportProgress(physiotherapist, new Subject("Task", "t2", Set.of("b"), false))).isFalse();
			assertThat(AccessPolicy.mayWrite(physiotherapist, new Subject("Task", "t1", Set.of("b"), false), false)).isFalse();
			assertThat(AccessPolicy.mayReportProgress(PATIENT_A, new Subject("Task", "t1", Set.of("a"), false))).isFalse();
		}
	}

	@Nested
	class Reading {
		@Test
		void aProfessional_readsTheRecordOfARelatedPatient_only() {
			assertThat(AccessPolicy.mayRead(NURSE, about("Condition", "a"))).isTrue();
			assertThat(AccessPolicy.mayRead(NURSE, about("Condition", "b"))).isFalse();
		}

		@Test
		void aResourceAboutSeveralPatients_needsAllOfThem() {
			assertThat(AccessPolicy.mayRead(NURSE, about("Appointment", "a", "b"))).isFalse();
		}

		@Test
		void aResourceAboutNobody_isNotPatientData_thatAProfessionalMaySee() {
			assertThat(AccessPolicy.mayRead(NURSE, about("Condition"))).isFalse();
			assertThat(AccessPolicy.mayRead(NURSE, about("Practitioner"))).isTrue();
		}

		@Test
		void theSocialDomain_readsMeetingsButNotConsultsNorTheMedicalRecord() {
			assertThat(AccessPolicy.mayRead(SOCIAL, new Subject("Encounter", null, Set.of("a"), true))).isTrue();
			assertThat(AccessPolicy.mayRead(SOCIAL, new Subject("Encounter", null, Set.of("a"), false))).isFalse();
			assertThat(AccessPolicy.mayRead(SOCIAL, about("CarePlan", "a"))).isTrue();
			assertThat(AccessPolicy.mayRead(SOCIAL, about("Condition", "a"))).isFalse();
			assertThat(AccessPolicy.mayRead(SOCIAL, about("Observation", "a"))).isFalse();
		}

		@Test
		void aPatient_readsHerOwnPlanTeamGoalsAndObservations_notHerConditions_norSomeoneElses() {
			assertThat(AccessPolicy.mayRead(PATIENT_A, about("Observation", "a"))).isTrue();
			assertThat(AccessPolicy.mayRead(PATIENT_A, about("CarePlan", "a"))).isTrue();
			assertThat(AccessPolicy.mayRead(PATIENT_A, about("Condition", "a"))).isFalse();
			assertThat(AccessPolicy.mayRead(PATIENT_A, about("CarePlan", "b"))).isFalse();
		}

		@Test
		void aSystemClient_isJudgedByItsScopesAlone() {
			assertThat(AccessPolicy.mayRead(Viewer.SYSTEM, about("Condition", "b"))).isTrue();
		}

		@Test
		void aTokenRelatedToNobody_readsNoPatientData() {
			assertThat(AccessPolicy.mayRead(Viewer.NOBODY, about("Patient", "a"))).isFalse();
		}
	}

	@Nested
	class Writing {
		@Test
		void aProfessional_writesOnlyIntoTheRecordOfARelatedPatient() {
			assertThat(AccessPolicy.mayWrite(NURSE, about("Condition", "a"), false)).isTrue();
			assertThat(AccessPolicy.mayWrite(NURSE, about("Condition", "b"), false)).isFalse();
			assertThat(AccessPolicy.mayWrite(NURSE, about("CareTeam", "b"), false)).isFalse();
		}

		@Test
		void aProfessional_registersANewPatientOfHerOwnPractice_only() {
			assertThat(AccessPolicy.mayWrite(NURSE, about("Patient", "new"), true)).isTrue();
			assertThat(AccessPolicy.mayWrite(NURSE, about("Patient", "new"), false)).isFalse();
			assertThat(AccessPolicy.mayWrite(NURSE, about("Condition", "new"), true)).isFalse();
		}

		@Test
		void aProfessional_writesNoDirectoryEntries() {
			assertThat(AccessPolicy.mayWrite(NURSE, about("PractitionerRole"), false)).isFalse();
		}

		@ParameterizedTest
		@ValueSource(strings = {"CareTeam", "Patient", "Condition", "Consent"})
		void theSocialDomain_neverWritesTheTeamOrTheMedicalRecord(String type) {
			assertThat(AccessPolicy.mayWrite(SOCIAL, about(type, "a"), true)).isFalse();
		}

		@Test
		void theSocialDomain_writesPlansGoalsAndMeetingsOfARelatedPatient() {
			assertThat(AccessPolicy.mayWrite(SOCIAL, about("CarePlan", "a"), false)).isTrue();
			assertThat(AccessPolicy.mayWrite(SOCIAL, about("Goal", "a"), false)).isTrue();
			assertThat(AccessPolicy.mayWrite(SOCIAL, new Subject("Encounter", null, Set.of("a"), true), false)).isTrue();
			assertThat(AccessPolicy.mayWrite(SOCIAL, new Subject("Encounter", null, Set.of("a"), false), false)).isFalse();
			assertThat(AccessPolicy.mayWrite(SOCIAL, about("CarePlan", "b"), false)).isFalse();
		}

		@Test
		void aPatientOrAnUnrelatedToken_writesNothing() {
			assertThat(AccessPolicy.mayWrite(PATIENT_A, about("Goal", "a"), false)).isFalse();
			assertThat(AccessPolicy.mayWrite(Viewer.NOBODY, about("Goal", "a"), false)).isFalse();
		}
	}

	@Nested
	class Subscriptions {
		private final Viewer gp = new Viewer(Role.PROFESSIONAL, Set.of("a"), Set.of(), AccessPolicy.Work.NONE,
				"PractitionerRole/gp");
		private final Viewer socialWorker = new Viewer(Role.SOCIAL_DOMAIN, Set.of("a"), Set.of(), AccessPolicy.Work.NONE,
				"PractitionerRole/mw");

		private Subject subscriptionOf(String subscriber) {
			return new Subject("Subscription", "s1", Set.of(), false, subscriber);
		}

		@Test
		void aUserReadsAndChangesHerOwnSubscription_andNoOneElses() {
			assertThat(AccessPolicy.mayRead(gp, subscriptionOf("PractitionerRole/gp"))).isTrue();
			assertThat(AccessPolicy.mayWrite(gp, subscriptionOf("PractitionerRole/gp"), false)).isTrue();
			assertThat(AccessPolicy.mayWrite(socialWorker, subscriptionOf("PractitionerRole/mw"), false)).isTrue();
			assertThat(AccessPolicy.mayRead(gp, subscriptionOf("PractitionerRole/mw"))).isFalse();
			assertThat(AccessPolicy.mayWrite(gp, subscriptionOf("PractitionerRole/mw"), false)).isFalse();
			assertThat(AccessPolicy.mayWrite(gp, subscriptionOf(null), false)).isFalse();
		}

		@Test
		void aPatientOrAUserWithoutIdentity_hasNoSubscriptions_aSystemClientAll() {
			Viewer anonymous = new Viewer(Role.PROFESSIONAL, Set.of("a"), Set.of());
			assertThat(AccessPolicy.mayRead(anonymous, subscriptionOf(null))).isFalse();
			assertThat(AccessPolicy.mayRead(new Viewer(Role.PATIENT, Set.of("a"), Set.of(), AccessPolicy.Work.NONE,
					"Patient/a"), subscriptionOf("Patient/a"))).isFalse();
			assertThat(AccessPolicy.mayWrite(Viewer.SYSTEM, subscriptionOf("PractitionerRole/gp"), false)).isTrue();
			assertThat(AccessPolicy.mayRead(Viewer.SYSTEM, subscriptionOf("PractitionerRole/gp"))).isTrue();
		}
	}

	@Nested
	class WhoIsNarrowed {
		@Test
		void everyoneButASystemClient_getsNarrowedSearches() {
			assertThat(Viewer.SYSTEM.narrowed()).isFalse();
			assertThat(NURSE.narrowed()).isTrue();
			assertThat(PATIENT_A.narrowed()).isTrue();
			assertThat(Viewer.NOBODY.narrowed()).isTrue();
		}

		@Test
		void workIsEmpty_withoutTasksOrMessages() {
			assertThat(AccessPolicy.Work.NONE.isEmpty()).isTrue();
			assertThat(new AccessPolicy.Work(Set.of(), Set.of("Communication/m1"), Set.of(), Set.of("b")).isEmpty()).isFalse();
			assertThat(new AccessPolicy.Work(Set.of("t1"), Set.of(), Set.of(), Set.of("b")).isEmpty()).isFalse();
			assertThat(new AccessPolicy.Work(Set.of(), Set.of(), Set.of("Task/t2"), Set.of()).isEmpty()).isTrue();
		}

		@Test
		void aSearchOfWorkBeyondTheRelation_meetsThatWorkAndTheSameTypeAboutRelatedPatients_byId() {
			AccessPolicy.Work work = new AccessPolicy.Work(Set.of("t1"),
					Set.of("Task/t1", "ServiceRequest/r1", "Patient/b", "Condition/c9"),
					Set.of("Task/t7", "ServiceRequest/r7"), Set.of("b"));

			assertThat(work.searchable("Task")).containsExactly("t1", "t7");
			assertThat(work.searchable("ServiceRequest")).containsExactly("r1", "r7");
			assertThat(work.searchable("Condition")).isEmpty(); // named by the work, but searched by compartment
			assertThat(work.searchable("Patient")).isEmpty();
		}

		@Test
		void withoutWorkOfTheSearchedType_theCompartmentNarrows() {
			AccessPolicy.Work messagesOnly = new AccessPolicy.Work(Set.of(), Set.of("Communication/m1"),
					Set.of("Task/t7", "ServiceRequest/r7"), Set.of("b"));

			assertThat(messagesOnly.searchable("Task")).isEmpty();
			assertThat(messagesOnly.searchable("ServiceRequest")).isEmpty();
			assertThat(AccessPolicy.Work.NONE.searchable("Task")).isEmpty();
		}

		@Test
		void aProfessionalWritesPatientData_ofRelatedPatients_butNoDirectoryNorOtherTypes() {
			assertThat(AccessPolicy.mayWrite(NURSE, about("Observation", "a"), false)).isTrue();
			assertThat(AccessPolicy.mayWrite(NURSE, about("Library", "a"), false)).isFalse();
			assertThat(AccessPolicy.mayWrite(NURSE, about("Patient", "b"), true)).isTrue();
			assertThat(AccessPolicy.mayWrite(NURSE, about("Condition", "b"), true)).isFalse();
			assertThat(AccessPolicy.mayWrite(Viewer.SYSTEM, about("Library"), false)).isTrue();
		}
	}
}
