package nl.zorgpad.pathway;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import nl.zorgpad.careplan.MdoNeedsCarePlan;
import nl.zorgpad.careteam.CareTeamMember;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.consent.ConsentCategory;
import nl.zorgpad.consent.ConsentEntry;
import nl.zorgpad.consent.ConsentLedger;
import nl.zorgpad.frailty.FrailtyStatus;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.meeting.MeetingStatus;
import nl.zorgpad.meeting.MeetingType;
import nl.zorgpad.questionnaire.ChecklistResponse;
import nl.zorgpad.server.StoredResources;
import nl.zorgpad.trajectory.Trajectory;
import nl.zorgpad.trajectory.TrajectoryPhase;
import nl.zorgpad.trajectory.TrajectoryStatus;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The facts about one patient that the pathway rules need, read from the database and from the other
 * entries of the transaction or batch being processed (a Consent and the meeting that needs it may
 * arrive in one Bundle). Read lazily, once per write.
 */
final class PatientRecord {
	private final StoredResources store;
	private final String patient;
	private final RequestBundle bundle;
	private final Map<String, List<? extends Resource>> cache = new HashMap<>();
	private final Map<String, PractitionerRole> roles = new HashMap<>();

	PatientRecord(StoredResources store, String patientReference, RequestBundle bundle) {
		this.store = store;
		this.patient = patientReference;
		this.bundle = bundle;
	}

	Optional<Patient> patient() {
		Optional<Patient> inBundle = bundle.resources(Patient.class).stream()
				.filter(p -> bundle.sameReference(p.getIdElement().toUnqualifiedVersionless().getValue(), patient))
				.findFirst();
		if (inBundle.isPresent()) {
			return inBundle;
		}
		return store.byIds(Patient.class, List.of(patientId())).stream().findFirst();
	}

	/** The id part of the patient reference; the stored resources are looked up by it. */
	private String patientId() {
		return new IdType(patient).getIdPart();
	}

	ConsentLedger consents() {
		List<ConsentEntry> entries = new ArrayList<>();
		for (Consent consent : resources(Consent.class)) {
			Optional<ConsentCategory> category = Codes.code(consent.getCategory(), "consent-category")
					.flatMap(ConsentCategory::fromCode);
			Optional<ConsentEntry.Status> status = Optional.ofNullable(consent.getStatus())
					.flatMap(s -> ConsentEntry.Status.fromCode(s.toCode()));
			if (category.isEmpty() || status.isEmpty()) {
				continue;
			}
			entries.add(new ConsentEntry(
					category.get(),
					status.get(),
					ConsentEntry.Provision.fromCode(
							consent.getProvision().hasType() ? consent.getProvision().getType().toCode() : null),
					Codes.day(consent.getDateTime()),
					Codes.day(consent.getProvision().getPeriod().getStart()),
					Codes.day(consent.getProvision().getPeriod().getEnd())));
		}
		return new ConsentLedger(entries);
	}

	/** The patient's meetings (Encounters with a meeting type). */
	List<Meeting> meetings() {
		List<Meeting> meetings = new ArrayList<>();
		resources(Encounter.class).forEach(encounter -> meetings.addAll(meetings(encounter)));
		return meetings;
	}

	/**
	 * The meeting(s) an Encounter records: one per meeting type it is coded with, so an Encounter coded both
	 * {@code so-consult} and {@code breed-mdo} is judged — and counted — as both.
	 */
	List<Meeting> meetings(Encounter encounter) {
		List<MeetingType> types = Codes.codes(encounter.getType(), "meeting-type").stream()
				.flatMap(code -> MeetingType.fromCode(code).stream()).toList();
		// Only the GZSP steps depend on who took part; spare the reads for other meetings.
		Set<CareTeamRole> roles = EnumSet.noneOf(CareTeamRole.class);
		if (types.contains(MeetingType.MDO_GZSP) || types.contains(MeetingType.SO_CONSULT)) {
			encounter.getParticipant().forEach(participant -> roles.addAll(disciplines(participant.getIndividual())));
		}
		MeetingStatus status = MeetingStatus.fromCode(encounter.getStatus() == null ? null : encounter.getStatus().toCode());
		LocalDate day = Codes.day(encounter.getPeriod().getStart());
		return types.stream().map(type -> new Meeting(type, status, day, roles)).toList();
	}

	/** Members of the patient's active core team(s), with their disciplines and the coordinator role. */
	List<CareTeamMember> coreTeam() {
		Map<String, CareTeamMember> members = new LinkedHashMap<>();
		for (CareTeam team : resources(CareTeam.class)) {
			if (team.getStatus() != null && team.getStatus() != CareTeam.CareTeamStatus.ACTIVE) {
				continue;
			}
			for (CareTeam.CareTeamParticipantComponent participant : team.getParticipant()) {
				Set<CareTeamRole> roles = EnumSet.noneOf(CareTeamRole.class);
				roles.addAll(disciplines(participant.getMember()));
				participant.getRole().forEach(role -> Codes.code(role, "care-team-role")
						.flatMap(CareTeamRole::fromCode).ifPresent(roles::add));
				String name = participant.getMember().hasDisplay()
						? participant.getMember().getDisplay()
						: participant.getMember().getReference();
				members.merge(String.valueOf(participant.getMember().getReference()), new CareTeamMember(name, roles),
						(a, b) -> a);
			}
		}
		return List.copyOf(members.values());
	}

	/** Completed and in-progress responses of this patient to one of our checklists (by Questionnaire id). */
	List<ChecklistResponse> checklists(String questionnaireId) {
		List<ChecklistResponse> responses = new ArrayList<>();
		for (QuestionnaireResponse response : responses()) {
			if (questionnaireId.equals(questionnaireId(response))) {
				Map<String, Boolean> answers = new HashMap<>();
				response.getItem().forEach(item -> item.getAnswer().stream()
						.filter(answer -> answer.hasValueBooleanType())
						.findFirst()
						.ifPresent(answer -> answers.put(item.getLinkId(), answer.getValueBooleanType().booleanValue())));
				responses.add(new ChecklistResponse(
						checklistDay(response),
						response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
								|| response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED,
						answers));
			}
		}
		return responses;
	}

	/**
	 * The day a checklist belongs to: the day of the meeting it records ({@code QuestionnaireResponse.encounter},
	 * one of this patient's meetings), else the day it was authored, else today.
	 */
	private LocalDate checklistDay(QuestionnaireResponse response) {
		if (response.getEncounter().getReferenceElement().hasIdPart()) {
			String meeting = response.getEncounter().getReferenceElement().toUnqualifiedVersionless().getValue();
			Optional<LocalDate> meetingDay = resources(Encounter.class).stream()
					.filter(encounter -> bundle.sameReference(encounter.getIdElement().toUnqualifiedVersionless().getValue(),
							meeting))
					.filter(encounter -> encounter.getPeriod().hasStart())
					.map(encounter -> Codes.day(encounter.getPeriod().getStart()))
					.findFirst();
			if (meetingDay.isPresent()) {
				return meetingDay.get();
			}
		}
		return response.hasAuthored() ? Codes.day(response.getAuthored()) : Codes.today();
	}

	/** Ids of the Questionnaires this patient has completed responses to, e.g. {@code gfi}. */
	Set<String> instrumentsOnFile() {
		Set<String> ids = new HashSet<>();
		for (QuestionnaireResponse response : responses()) {
			if (response.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED) {
				ids.add(questionnaireId(response));
			}
		}
		return ids;
	}

	/** The latest active A49.01/A05 episode. */
	Optional<Condition> frailtyEpisode() {
		return resources(Condition.class).stream()
				.filter(condition -> Codes.hasIcpc(condition.getCode(), "A05", "A49.01"))
				.filter(condition -> !condition.hasClinicalStatus()
						|| condition.getClinicalStatus().getCoding().stream().anyMatch(c -> "active".equals(c.getCode())))
				.max(Comparator.comparing(PatientRecord::recorded));
	}

	/** The current frailty status: the stage summary of the latest active episode. */
	Optional<FrailtyStatus> frailtyStatus() {
		return frailtyEpisode().flatMap(PatientRecord::frailtyStatusOf);
	}

	static Optional<FrailtyStatus> frailtyStatusOf(Condition episode) {
		return episode.getStage().stream()
				.map(stage -> Codes.code(stage.getSummary(), "frailty-status"))
				.flatMap(Optional::stream)
				.findFirst()
				.flatMap(FrailtyStatus::fromCode);
	}

	/** The patient's active Gezondheidsplan. */
	Optional<CarePlan> activeGezondheidsplan() {
		return resources(CarePlan.class).stream()
				.filter(plan -> plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE)
				.filter(plan -> Codes.code(plan.getCategory(), "careplan-category").isPresent())
				.findFirst();
	}

	/** The active Gezondheidsplan with its actions, or null when there is none. */
	MdoNeedsCarePlan.Plan activeCarePlan() {
		return activeGezondheidsplan()
				.map(plan -> new MdoNeedsCarePlan.Plan(plan.getActivity().stream()
						.map(activity -> action(activity.getDetail())).toList()))
				.orElse(null);
	}

	/** An action of the plan as the rules see it: what, who is responsible, how urgent. */
	static MdoNeedsCarePlan.Action action(CarePlan.CarePlanActivityDetailComponent detail) {
		String description = detail.hasDescription() ? detail.getDescription() : detail.getCode().getText();
		String responsible = detail.getPerformer().stream()
				.map(r -> r.hasDisplay() ? r.getDisplay() : r.getReference())
				.findFirst().orElse(null);
		Extension urgency = detail.getExtensionByUrl(PathwayChecks.URGENCY);
		String priority = urgency != null && urgency.getValue() != null ? urgency.getValue().primitiveValue() : null;
		return new MdoNeedsCarePlan.Action(description, responsible, priority);
	}

	/** The patient's other GZSP trajectories. */
	List<Trajectory> trajectories(EpisodeOfCare excluding) {
		return resources(EpisodeOfCare.class).stream()
				.filter(episode -> !isSame(episode, excluding))
				.filter(episode -> Codes.code(episode.getType(), "episode-type").isPresent())
				.map(episode -> new Trajectory(
						episode.getIdElement().getIdPart(),
						Codes.code(episode.getType(), "zorgtraject-phase").flatMap(TrajectoryPhase::fromCode).orElse(null),
						episode.getStatus() == null ? null
								: TrajectoryStatus.fromCode(episode.getStatus().toCode()).orElse(null)))
				.toList();
	}

	private static Date recorded(Condition condition) {
		if (condition.hasRecordedDate()) {
			return condition.getRecordedDate();
		}
		Date updated = condition.getMeta().getLastUpdated();
		return updated != null ? updated : new Date(0);
	}

	private List<QuestionnaireResponse> responses() {
		return resources(QuestionnaireResponse.class);
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
			Encounter.class, new Link<Encounter>("subject", Encounter::getSubject, encounter -> encounter
					.getParticipant().stream().map(Encounter.EncounterParticipantComponent::getIndividual).toList()),
			CareTeam.class, new Link<CareTeam>("subject", CareTeam::getSubject, team -> team
					.getParticipant().stream().map(CareTeam.CareTeamParticipantComponent::getMember).toList()),
			Condition.class, new Link<>("subject", Condition::getSubject),
			CarePlan.class, new Link<>("subject", CarePlan::getSubject),
			EpisodeOfCare.class, new Link<>("patient", EpisodeOfCare::getPatient),
			QuestionnaireResponse.class, new Link<>("subject", QuestionnaireResponse::getSubject),
			Observation.class, new Link<>("subject", Observation::getSubject),
			Task.class, new Link<>("for", Task::getFor));

	/** All resources of {@code type} about this patient: stored ones and those in the current Bundle. */
	<T extends Resource> List<T> resources(Class<T> type) {
		@SuppressWarnings("unchecked")
		Link<T> link = (Link<T>) LINKS.get(type);
		@SuppressWarnings("unchecked")
		List<T> cached = (List<T>) cache.computeIfAbsent(type.getSimpleName(), key -> {
			Map<String, T> byId = new LinkedHashMap<>();
			store.about(patientId(), type, link.element())
					.forEach(r -> byId.put(r.getIdElement().toUnqualifiedVersionless().getValue(), r));
			for (T inBundle : bundle.resources(type)) {
				if (bundle.sameReference(link.patientOf().apply(inBundle).getReference(), patient)) {
					byId.put(inBundle.hasIdElement() && inBundle.getIdElement().hasIdPart()
							? inBundle.getIdElement().toUnqualifiedVersionless().getValue()
							: "bundle-" + System.identityHashCode(inBundle), inBundle);
				}
			}
			List<T> found = new ArrayList<>(byId.values());
			readRoles(found.stream().flatMap(r -> link.people().apply(r).stream()).toList());
			return found;
		});
		return cached;
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
		store.byIds(PractitionerRole.class, wanted)
				.forEach(role -> roles.put(role.getIdElement().toUnqualifiedVersionless().getValue(), role));
	}

	private static String roleKey(Reference reference) {
		if (reference == null || reference.getReference() == null
				|| !reference.getReference().contains("PractitionerRole/")) {
			return null;
		}
		return new IdType(reference.getReference()).toUnqualifiedVersionless().getValue();
	}

	/** The disciplines (care-team-role codes) of a PractitionerRole reference; none for anyone else. */
	private Set<CareTeamRole> disciplines(Reference reference) {
		Set<CareTeamRole> disciplines = EnumSet.noneOf(CareTeamRole.class);
		String key = roleKey(reference);
		if (key == null) {
			return disciplines;
		}
		if (!roles.containsKey(key)) {
			readRoles(List.of(reference));
		}
		PractitionerRole role = roles.get(key);
		if (role != null) {
			role.getCode().stream().flatMap(c -> c.getCoding().stream())
					.filter(c -> (Codes.BASE + "care-team-role").equals(c.getSystem()))
					.forEach(c -> CareTeamRole.fromCode(c.getCode()).ifPresent(disciplines::add));
		}
		return disciplines;
	}

	private PractitionerRole roleInBundle(String reference) {
		for (PractitionerRole inBundle : bundle.resources(PractitionerRole.class)) {
			if (bundle.sameReference(inBundle.getIdElement().toUnqualifiedVersionless().getValue(), reference)) {
				return inBundle;
			}
		}
		return null;
	}

	private static String questionnaireId(QuestionnaireResponse response) {
		String canonical = String.valueOf(response.getQuestionnaire()).replaceAll("\\|.*$", "");
		return canonical.substring(canonical.lastIndexOf('/') + 1);
	}

	private static boolean isSame(Resource a, Resource b) {
		if (a == b) {
			return true;
		}
		return b != null && a.getIdElement().hasIdPart() && b.getIdElement().hasIdPart()
				&& a.getIdElement().toUnqualifiedVersionless().getValue()
						.equals(b.getIdElement().toUnqualifiedVersionless().getValue());
	}
}
