package nl.zorgpad.pathway;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import nl.zorgpad.careplan.CarePlanFacts;
import nl.zorgpad.careteam.CareTeamFacts;
import nl.zorgpad.consent.ConsentCategory;
import nl.zorgpad.consent.ConsentFacts;
import nl.zorgpad.fhir.Codes;
import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.frailty.FrailtyFacts;
import nl.zorgpad.frailty.MultiDomainAssessment;
import nl.zorgpad.meeting.MeetingFacts;
import nl.zorgpad.questionnaire.ChecklistResponse;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.RuleSwitches;
import nl.zorgpad.rules.Verdict;
import nl.zorgpad.trajectory.EvaluationSchedule;
import nl.zorgpad.trajectory.TrajectoryFacts;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * {@code GET [base]/Patient/{id}/$pathway}: one patient's pathway at a glance (SPEC §6) as a
 * Parameters resource — current step, frailty status with date and evidence, consents, latest score
 * per instrument, core team and coordinator, active care plan, last and next meeting, trajectory and
 * next evaluation date, open warnings.
 */
final class PatientPathwayOperation {
	static final OperationDeclaration DECLARATION = OperationDeclaration.patientRecord("$pathway",
			Set.of("Patient", "Condition", "Consent", "Encounter", "CareTeam", "CarePlan", "Goal", "Observation",
					"QuestionnaireResponse", "EpisodeOfCare", "Task"));
	private static final String CS = Codes.BASE;
	private static final List<String> DISCUSSIONS = List.of("kernteam-overleg", "breed-mdo", "mdo-gzsp");

	private final DaoRegistry daos;
	private final ResourceStore store;
	private final RuleSwitches rules;
	private final Clock clock;

	PatientPathwayOperation(DaoRegistry daos, ResourceStore store, RuleSwitches rules, Clock clock) {
		this.daos = daos;
		this.store = store;
		this.rules = rules;
		this.clock = clock;
	}

	@Operation(name = "$pathway", idempotent = true, typeName = "Patient")
	public Parameters pathway(@IdParam IdType id, RequestDetails request) {
		Patient patient = daos.getResourceDao(Patient.class).read(id.toUnqualifiedVersionless(), request);
		String reference = patient.getIdElement().toUnqualifiedVersionless().getValue();
		PatientRecord record = new PatientRecord(store, reference, RequestBundle.of(null), Programme.today(clock));
		Parameters view = new Parameters();
		view.addParameter().setName("patient").setValue(new Reference(reference));

		Optional<Condition> episode = record.frailtyEpisode();
		List<Encounter> meetings = record.resources(Encounter.class).stream().filter(MeetingFacts::isMeeting).toList();
		Optional<CarePlan> plan = record.activeGezondheidsplan();
		Optional<EpisodeOfCare> trajectory = record.resources(EpisodeOfCare.class).stream()
				.filter(TrajectoryFacts::isTrajectory)
				.max(Comparator.comparing(e -> e.getPeriod().hasStart() ? e.getPeriod().getStart() : new Date(0)));

		view.addParameter().setName("step").setValue(new Coding(CS + "pathway-step",
				step(record, meetings, plan, trajectory), null));
		episode.ifPresent(e -> frailty(view.addParameter().setName("frailty"), e));
		record.resources(Consent.class).forEach(c -> consent(view.addParameter().setName("consent"), c));
		latestScores(record).forEach(o -> score(view.addParameter().setName("score"), o));
		record.resources(CareTeam.class).stream().filter(CareTeamFacts::isCurrent)
				.forEach(t -> coreTeam(view.addParameter().setName("coreTeam"), t));
		plan.ifPresent(p -> carePlan(view.addParameter().setName("carePlan"), p, request));
		record.resources(Task.class).stream().filter(CarePlanFacts::isOpen)
				.sorted(Comparator.comparing(PatientPathwayOperation::due))
				.forEach(task -> openTask(view.addParameter().setName("openTask"), task));
		lastMeeting(meetings).ifPresent(m -> meeting(view.addParameter().setName("lastMeeting"), m));
		nextMeeting(meetings, record.today()).ifPresent(m -> meeting(view.addParameter().setName("nextMeeting"), m));
		trajectory.ifPresent(t -> trajectory(view.addParameter().setName("trajectory"), t, record));
		for (Verdict.Finding warning : warnings(record, episode)) {
			ParametersParameterComponent part = view.addParameter().setName("warning");
			part.addPart().setName("rule").setValue(new Coding(CS + "pathway-rule", warning.ruleId(), null));
			part.addPart().setName("message").setValue(new StringType(warning.message()));
		}
		return view;
	}

	private static String step(PatientRecord record, List<Encounter> meetings,
			Optional<CarePlan> plan, Optional<EpisodeOfCare> trajectory) {
		boolean held = meetings.stream().anyMatch(isHeld("kernteam-overleg").or(isHeld("breed-mdo")).or(isHeld("mdo-gzsp")));
		if ((plan.isPresent() || trajectory.filter(t -> t.getStatus() == EpisodeOfCare.EpisodeOfCareStatus.ACTIVE)
				.isPresent()) && held) {
			return "coordinatie";
		}
		if (meetings.stream().anyMatch(isHeld("breed-mdo"))) {
			return "breed-mdo";
		}
		if (held) {
			return "kernteam-bespreking";
		}
		if (!record.instrumentsOnFile().isEmpty()) {
			return "in-kaart-brengen";
		}
		boolean consented = record.resources(Consent.class).stream()
				.anyMatch(c -> ConsentFacts.categoryOf(c).filter(ConsentCategory.PROGRAMMA_DEELNAME::equals).isPresent());
		if (consented) {
			return "inschatting-zorgbehoefte";
		}
		return "signaleren";
	}

	/** A meeting of this type (among the types it is coded with) that was held. */
	private static Predicate<Encounter> isHeld(String type) {
		return e -> MeetingFacts.typesOf(e).stream().anyMatch(t -> t.code().equals(type))
				&& e.getStatus() == Encounter.EncounterStatus.FINISHED;
	}

	private static void frailty(ParametersParameterComponent part, Condition episode) {
		FrailtyFacts.statusOf(episode).ifPresent(status ->
				part.addPart().setName("status").setValue(new Coding(CS + "frailty-status", status.code(), null)));
		part.addPart().setName("code").setValue(episode.getCode().getCodingFirstRep().copy());
		if (episode.hasRecordedDate()) {
			part.addPart().setName("date").setValue(new DateType(episode.getRecordedDate()));
		}
		part.addPart().setName("episode").setValue(reference(episode));
		episode.getStage().forEach(stage -> stage.getAssessment()
				.forEach(evidence -> part.addPart().setName("evidence").setValue(evidence.copy())));
		episode.getEvidence().forEach(evidence -> evidence.getDetail()
				.forEach(detail -> part.addPart().setName("evidence").setValue(detail.copy())));
	}

	private static void consent(ParametersParameterComponent part, Consent consent) {
		Codes.code(consent.getCategory(), "consent-category").ifPresent(category ->
				part.addPart().setName("category").setValue(new Coding(CS + "consent-category", category, null)));
		part.addPart().setName("status").setValue(new StringType(consent.getStatus().toCode()));
		part.addPart().setName("provision").setValue(new StringType(
				consent.getProvision().hasType() ? consent.getProvision().getType().toCode() : "permit"));
		if (consent.getProvision().getPeriod().hasStart()) {
			part.addPart().setName("start").setValue(new DateType(consent.getProvision().getPeriod().getStart()));
		}
		if (consent.getProvision().getPeriod().hasEnd()) {
			part.addPart().setName("end").setValue(new DateType(consent.getProvision().getPeriod().getEnd()));
		}
		part.addPart().setName("consent").setValue(reference(consent));
	}

	/** The newest score Observation per instrument code. */
	private static List<Observation> latestScores(PatientRecord record) {
		return record.resources(Observation.class).stream()
				.filter(o -> Codes.code(o.getCode(), "instrument-score").isPresent())
				.collect(java.util.stream.Collectors.toMap(
						o -> Codes.code(o.getCode(), "instrument-score").orElseThrow(),
						o -> o,
						(a, b) -> effective(a).after(effective(b)) ? a : b))
				.values().stream().sorted(Comparator.comparing(o -> o.getCode().getCodingFirstRep().getCode())).toList();
	}

	private static Date effective(Observation observation) {
		return observation.hasEffectiveDateTimeType() ? observation.getEffectiveDateTimeType().getValue() : new Date(0);
	}

	private static void score(ParametersParameterComponent part, Observation score) {
		part.addPart().setName("instrument").setValue(score.getCode().getCodingFirstRep().copy());
		if (score.hasValueIntegerType()) {
			part.addPart().setName("value").setValue(score.getValueIntegerType().copy());
		}
		score.getInterpretation().stream().findFirst().ifPresent(i ->
				part.addPart().setName("interpretation").setValue(i.getCodingFirstRep().copy()));
		if (score.hasEffectiveDateTimeType()) {
			part.addPart().setName("date").setValue(score.getEffectiveDateTimeType().copy());
		}
		part.addPart().setName("observation").setValue(reference(score));
	}

	private static void coreTeam(ParametersParameterComponent part, CareTeam team) {
		part.addPart().setName("careTeam").setValue(reference(team));
		for (CareTeam.CareTeamParticipantComponent participant : team.getParticipant()) {
			ParametersParameterComponent member = part.addPart().setName("member");
			member.addPart().setName("member").setValue(participant.getMember().copy());
			participant.getRole().forEach(role -> role.getCoding().forEach(coding ->
					member.addPart().setName("role").setValue(coding.copy())));
			if (participant.getRole().stream().anyMatch(r -> Codes.code(r, "care-team-role").filter("coordinator"::equals).isPresent())) {
				part.addPart().setName("coordinator").setValue(participant.getMember().copy());
			}
		}
	}

	private void carePlan(ParametersParameterComponent part, CarePlan plan, RequestDetails request) {
		part.addPart().setName("carePlan").setValue(reference(plan));
		plan.getAddresses().forEach(problem -> part.addPart().setName("problem").setValue(problem.copy()));
		for (Reference goalReference : plan.getGoal()) {
			ParametersParameterComponent goal = part.addPart().setName("goal");
			goal.addPart().setName("goal").setValue(goalReference.copy());
			try {
				Goal stored = daos.getResourceDao(Goal.class).read(new IdType(goalReference.getReference()),
						new SystemRequestDetails());
				goal.addPart().setName("description").setValue(new StringType(stored.getDescription().getText()));
				Codes.code(stored.getCategory(), "sfmpc").ifPresent(domain ->
						goal.addPart().setName("domain").setValue(new Coding(CS + "sfmpc", domain, null)));
			} catch (RuntimeException unreadable) {
				// the reference is listed; the goal itself is not readable here
			}
		}
		for (CarePlan.CarePlanActivityComponent activity : plan.getActivity()) {
			CarePlan.CarePlanActivityDetailComponent detail = activity.getDetail();
			if (!CarePlanFacts.isOpen(detail)) {
				continue;
			}
			ParametersParameterComponent action = part.addPart().setName("openAction");
			action.addPart().setName("description").setValue(new StringType(
					detail.hasDescription() ? detail.getDescription() : detail.getCode().getText()));
			detail.getPerformer().stream().findFirst().ifPresent(owner -> action.addPart().setName("owner").setValue(owner.copy()));
			CarePlanFacts.urgencyOf(detail).ifPresent(urgency -> action.addPart().setName("urgency").setValue(new CodeType(urgency)));
			if (detail.getStatus() != null) {
				action.addPart().setName("status").setValue(new StringType(detail.getStatus().toCode()));
			}
		}
	}

	/** An open work item: what, who owns it, how urgent, by when, how far. */
	private static void openTask(ParametersParameterComponent part, Task task) {
		part.addPart().setName("task").setValue(reference(task));
		if (task.hasDescription()) {
			part.addPart().setName("description").setValue(new StringType(task.getDescription()));
		}
		if (task.hasOwner()) {
			part.addPart().setName("owner").setValue(task.getOwner().copy());
		}
		if (task.hasPriority()) {
			part.addPart().setName("urgency").setValue(new CodeType(task.getPriority().toCode()));
		}
		if (task.getRestriction().getPeriod().hasEnd()) {
			part.addPart().setName("due").setValue(task.getRestriction().getPeriod().getEndElement().copy());
		}
		part.addPart().setName("status").setValue(new CodeType(task.getStatus().toCode()));
		task.getBasedOn().forEach(basedOn -> part.addPart().setName("basedOn").setValue(basedOn.copy()));
	}

	/** Tasks without a due date last. */
	private static String due(Task task) {
		String due = task.getRestriction().getPeriod().getEndElement().getValueAsString();
		return due == null ? "9999" : due;
	}

	private static Optional<Encounter> lastMeeting(List<Encounter> meetings) {
		return meetings.stream().filter(isDiscussion())
				.filter(m -> m.getStatus() == Encounter.EncounterStatus.FINISHED && m.getPeriod().hasStart())
				.max(Comparator.comparing(m -> m.getPeriod().getStart()));
	}

	private static Optional<Encounter> nextMeeting(List<Encounter> meetings, LocalDate today) {
		return meetings.stream().filter(isDiscussion())
				.filter(m -> m.getStatus() == Encounter.EncounterStatus.PLANNED && m.getPeriod().hasStart()
						&& !MeetingFacts.dayOf(m).isBefore(today))
				.min(Comparator.comparing(m -> m.getPeriod().getStart()));
	}

	private static Predicate<Encounter> isDiscussion() {
		return m -> MeetingFacts.typesOf(m).stream().anyMatch(type -> DISCUSSIONS.contains(type.code()));
	}

	private static void meeting(ParametersParameterComponent part, Encounter meeting) {
		Codes.code(meeting.getType(), "meeting-type").ifPresent(type ->
				part.addPart().setName("type").setValue(new Coding(CS + "meeting-type", type, null)));
		part.addPart().setName("date").setValue(meeting.getPeriod().getStartElement().copy());
		part.addPart().setName("meeting").setValue(reference(meeting));
	}

	/** Phase, status and the next evaluation (EvaluationSchedule, from the last recorded evaluation). */
	private static void trajectory(ParametersParameterComponent part, EpisodeOfCare trajectory, PatientRecord record) {
		part.addPart().setName("trajectory").setValue(reference(trajectory));
		Codes.code(trajectory.getType(), "zorgtraject-phase").ifPresent(phase ->
				part.addPart().setName("phase").setValue(new Coding(CS + "zorgtraject-phase", phase, null)));
		part.addPart().setName("status").setValue(new StringType(trajectory.getStatus().toCode()));
		if (trajectory.getPeriod().hasStart()) {
			LocalDate start = Codes.day(trajectory.getPeriod().getStart());
			part.addPart().setName("start").setValue(new DateType(trajectory.getPeriod().getStart()));
			if (trajectory.getStatus() == EpisodeOfCare.EpisodeOfCareStatus.ACTIVE) {
				LocalDate lastEvaluation = ChecklistResponse.latestCompleted(record.checklists("gzsp-stop"), start, null)
						.map(ChecklistResponse::day).orElse(null);
				part.addPart().setName("nextEvaluation").setValue(new DateType(
						java.sql.Date.valueOf(EvaluationSchedule.next(start, lastEvaluation))));
			}
		}
	}

	/** The warnings the switched-on warning rules give for the current episode (as a write of it would). */
	private List<Verdict.Finding> warnings(PatientRecord record, Optional<Condition> episode) {
		if (episode.isEmpty()) {
			return List.of();
		}
		List<Verdict> verdicts = new ArrayList<>();
		if (rules.isOn(RuleId.W1)) {
			verdicts.add(PathwayRules.targetAge(episode.get(), record));
		}
		if (rules.isOn(RuleId.W2)) {
			verdicts.add(MultiDomainAssessment.evaluate(new MultiDomainAssessment.Facts(
					FrailtyFacts.statusOf(episode.get()).orElse(null), record.instrumentsOnFile())));
		}
		return verdicts.stream().filter(Verdict.Allowed.class::isInstance)
				.flatMap(v -> ((Verdict.Allowed) v).warnings().stream()).toList();
	}

	private static Reference reference(Resource resource) {
		return new Reference(resource.getIdElement().toUnqualifiedVersionless().getValue());
	}
}
