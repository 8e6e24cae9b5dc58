package nl.zorgpad.pathway;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import nl.zorgpad.careplan.CarePlanFacts;
import nl.zorgpad.careplan.MdoNeedsCarePlan;
import nl.zorgpad.careteam.CareTeamFacts;
import nl.zorgpad.careteam.CareTeamMember;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.consent.ConsentFacts;
import nl.zorgpad.consent.ConsentLedger;
import nl.zorgpad.fhir.Codes;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.frailty.FrailtyFacts;
import nl.zorgpad.frailty.FrailtyStatus;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.meeting.MeetingFacts;
import nl.zorgpad.questionnaire.ChecklistResponse;
import nl.zorgpad.questionnaire.ResponseFacts;
import nl.zorgpad.trajectory.Trajectory;
import nl.zorgpad.trajectory.TrajectoryFacts;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * Loads the resources about one patient that the pathway rules read — from the database and from the other
 * entries of the transaction or batch being processed (a Consent and the meeting that needs it may arrive in
 * one Bundle) — once per write, lazily; each concept's mapper ({@code ConsentFacts}, {@code MeetingFacts},
 * {@code FrailtyFacts}, ...) turns them into the facts its rules take. {@link #today()} is the day of the write.
 */
final class PatientRecord {
	private final ResourceStore store;
	private final String patient;
	private final RequestBundle bundle;
	private final LocalDate today;
	private final Map<Class<?>, List<? extends Resource>> cache = new HashMap<>();
	private final Map<String, PractitionerRole> roles = new HashMap<>();

	PatientRecord(ResourceStore store, String patientReference, RequestBundle bundle, LocalDate today) {
		this.store = store;
		this.patient = patientReference;
		this.bundle = bundle;
		this.today = today;
	}

	LocalDate today() {
		return today;
	}

	Optional<Patient> patient() {
		Optional<Patient> inBundle = bundle.resources(Patient.class).stream()
				.filter(p -> bundle.sameReference(Codes.key(p), patient))
				.findFirst();
		return inBundle.isPresent() ? inBundle : store.byIds(Patient.class, List.of(patientId())).stream().findFirst();
	}

	ConsentLedger consents() {
		return ConsentFacts.ledger(resources(Consent.class));
	}

	/** The patient's meetings (Encounters with a meeting type). */
	List<Meeting> meetings() {
		List<Meeting> meetings = new ArrayList<>();
		resources(Encounter.class).forEach(encounter -> meetings.addAll(meetings(encounter)));
		return meetings;
	}

	/** The meeting(s) an Encounter records, with the disciplines of who took part. */
	List<Meeting> meetings(Encounter encounter) {
		return MeetingFacts.meetingsOf(encounter, this::disciplines);
	}

	List<CareTeamMember> coreTeam() {
		return CareTeamFacts.coreTeam(resources(CareTeam.class), this::disciplines);
	}

	/**
	 * This patient's responses to one of our checklists (by Questionnaire id), each on the day it belongs to: the
	 * day of the meeting it records ({@code QuestionnaireResponse.encounter}, one of this patient's meetings), else
	 * the day it was authored, else today.
	 */
	List<ChecklistResponse> checklists(String questionnaireId) {
		return resources(QuestionnaireResponse.class).stream()
				.filter(response -> questionnaireId.equals(ResponseFacts.questionnaireId(response)))
				.map(response -> ResponseFacts.checklistOf(response, checklistDay(response)))
				.toList();
	}

	private LocalDate checklistDay(QuestionnaireResponse response) {
		String meeting = response.getEncounter().getReference();
		Optional<LocalDate> meetingDay = resources(Encounter.class).stream()
				.filter(encounter -> meeting != null && bundle.sameReference(Codes.key(encounter), meeting))
				.map(MeetingFacts::dayOf)
				.filter(day -> day != null)
				.findFirst();
		return meetingDay.orElseGet(() -> response.hasAuthored() ? Codes.day(response.getAuthored()) : today);
	}

	/** Ids of the Questionnaires this patient has completed responses to, e.g. {@code gfi}. */
	Set<String> instrumentsOnFile() {
		Set<String> ids = new HashSet<>();
		resources(QuestionnaireResponse.class).stream().filter(ResponseFacts::isCompleted)
				.forEach(response -> ids.add(ResponseFacts.questionnaireId(response)));
		return ids;
	}

	Optional<Condition> frailtyEpisode() {
		return FrailtyFacts.currentEpisode(resources(Condition.class));
	}

	Optional<FrailtyStatus> frailtyStatus() {
		return FrailtyFacts.currentStatus(resources(Condition.class));
	}

	Optional<CarePlan> activeGezondheidsplan() {
		return CarePlanFacts.activeGezondheidsplan(resources(CarePlan.class));
	}

	/** The active Gezondheidsplan with its actions, or null when there is none. */
	MdoNeedsCarePlan.Plan activeCarePlan() {
		return activeGezondheidsplan().map(CarePlanFacts::planOf).orElse(null);
	}

	/** The patient's GZSP trajectories other than {@code excluding}. */
	List<Trajectory> trajectories(EpisodeOfCare excluding) {
		return resources(EpisodeOfCare.class).stream()
				.filter(episode -> !isSame(episode, excluding))
				.filter(TrajectoryFacts::isTrajectory)
				.flatMap(episode -> TrajectoryFacts.of(episode).stream())
				.toList();
	}

	/** How each kind of resource points at its patient, and at the people taking part. */
	private record Link<T extends Resource>(
			String element, Function<T, Reference> patientOf, Function<T, List<Reference>> people) {
		Link(String element, Function<T, Reference> patientOf) {
			this(element, patientOf, resource -> List.of());
		}
	}

	private static final Map<Class<?>, Link<?>> LINKS = Map.of(
			Consent.class, new Link<>("patient", Consent::getPatient),
			Encounter.class, new Link<>("subject", Encounter::getSubject, MeetingFacts::participantsOf),
			CareTeam.class, new Link<>("subject", CareTeam::getSubject, CareTeamFacts::membersOf),
			Condition.class, new Link<>("subject", Condition::getSubject),
			CarePlan.class, new Link<>("subject", CarePlan::getSubject),
			EpisodeOfCare.class, new Link<>("patient", EpisodeOfCare::getPatient),
			QuestionnaireResponse.class, new Link<>("subject", QuestionnaireResponse::getSubject),
			Observation.class, new Link<>("subject", Observation::getSubject),
			Task.class, new Link<>("for", Task::getFor));

	/** The patient a resource the rules judge is about (its subject, patient or for). */
	static Reference patientOf(Resource resource) {
		@SuppressWarnings("unchecked")
		Link<Resource> link = (Link<Resource>) LINKS.get(resource.getClass());
		return link == null ? new Reference() : link.patientOf().apply(resource);
	}

	/** All resources of {@code type} about this patient: stored ones and those in the current Bundle. */
	<T extends Resource> List<T> resources(Class<T> type) {
		@SuppressWarnings("unchecked")
		Link<T> link = (Link<T>) LINKS.get(type);
		@SuppressWarnings("unchecked")
		List<T> cached = (List<T>) cache.computeIfAbsent(type, key -> {
			Map<String, T> byId = new LinkedHashMap<>();
			store.about(patientId(), type, link.element()).forEach(r -> byId.put(Codes.key(r), r));
			for (T inBundle : bundle.resources(type)) {
				if (bundle.sameReference(link.patientOf().apply(inBundle).getReference(), patient)) {
					byId.put(inBundle.getIdElement().hasIdPart() ? Codes.key(inBundle)
							: "bundle-" + System.identityHashCode(inBundle), inBundle);
				}
			}
			List<T> found = new ArrayList<>(byId.values());
			readRoles(found.stream().flatMap(r -> link.people().apply(r).stream()).toList());
			return found;
		});
		return cached;
	}

	private String patientId() {
		return new IdType(patient).getIdPart();
	}

	/** Reads the PractitionerRoles among these references in one go. */
	private void readRoles(List<Reference> people) {
		Set<String> wanted = new HashSet<>();
		for (Reference person : people) {
			String key = roleKey(person);
			if (key != null && !roles.containsKey(key)) {
				PractitionerRole inBundle = roleInBundle(key);
				if (inBundle != null) {
					roles.put(key, inBundle);
				} else {
					wanted.add(new IdType(key).getIdPart());
				}
			}
		}
		store.byIds(PractitionerRole.class, wanted).forEach(role -> roles.put(Codes.key(role), role));
	}

	private static String roleKey(Reference reference) {
		String key = Codes.key(reference);
		return key != null && key.startsWith("PractitionerRole/") ? key : null;
	}

	/** The disciplines of a PractitionerRole reference; none for anyone else. */
	private Set<CareTeamRole> disciplines(Reference reference) {
		String key = roleKey(reference);
		if (key == null) {
			return EnumSet.noneOf(CareTeamRole.class);
		}
		if (!roles.containsKey(key)) {
			readRoles(List.of(reference));
		}
		PractitionerRole role = roles.get(key);
		return role == null ? EnumSet.noneOf(CareTeamRole.class) : CareTeamFacts.disciplinesOf(role);
	}

	private PractitionerRole roleInBundle(String reference) {
		return bundle.resources(PractitionerRole.class).stream()
				.filter(inBundle -> bundle.sameReference(Codes.key(inBundle), reference))
				.findFirst().orElse(null);
	}

	private static boolean isSame(Resource a, Resource b) {
		return a == b || b != null && a.getIdElement().hasIdPart() && b.getIdElement().hasIdPart()
				&& Codes.key(a).equals(Codes.key(b));
	}
}
