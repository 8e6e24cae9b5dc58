package nl.zorgpad.pathway;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.zorgpad.careplan.MdoNeedsCarePlan;
import nl.zorgpad.careplan.OpenActionsAssigned;
import nl.zorgpad.careteam.SingleCoordinator;
import nl.zorgpad.consent.ConsentBeforeDiscussion;
import nl.zorgpad.frailty.ComplexFrailtyCriteria;
import nl.zorgpad.frailty.FrailtyStatus;
import nl.zorgpad.frailty.MultiDomainAssessment;
import nl.zorgpad.frailty.ParticipationConsent;
import nl.zorgpad.frailty.TargetAge;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.meeting.MeetingType;
import nl.zorgpad.rules.Verdict;
import nl.zorgpad.trajectory.GzspStartOnce;
import nl.zorgpad.trajectory.GzspStopCriteria;
import nl.zorgpad.trajectory.GzspTrajectoryOrder;
import nl.zorgpad.trajectory.Trajectory;
import nl.zorgpad.trajectory.TrajectoryPhase;
import nl.zorgpad.trajectory.TrajectoryStatus;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * Gathers the facts for each pathway resource and asks the pure rules. One method per kind of
 * pathway resource; which rules are switched on is the caller's business.
 */
final class PathwayChecks {
	static final String URGENCY = "https://zorgpad.nl/fhir/StructureDefinition/zp-urgency";
	static final String STATUS_DATE = "https://zorgpad.nl/fhir/StructureDefinition/zp-status-date";
	static final String PREVIOUS_TRAJECTORY = "https://zorgpad.nl/fhir/StructureDefinition/zp-previous-trajectory";

	private PathwayChecks() {}

	/** ZP-R1, ZP-R4, ZP-R5 for a meeting (Encounter with a meeting-type), for every meeting type it is coded with. */
	static List<Verdict> meeting(Encounter encounter, PatientRecord record, RuleSwitches rules) {
		List<Verdict> verdicts = new ArrayList<>();
		for (Meeting meeting : record.meetings(encounter)) {
			if (rules.isOn("ZP-R1")) {
				verdicts.add(ConsentBeforeDiscussion.evaluate(new ConsentBeforeDiscussion.Facts(meeting, record.consents())));
			}
			if (rules.isOn("ZP-R4") && meeting.type() == MeetingType.KERNTEAM_OVERLEG) {
				verdicts.add(SingleCoordinator.evaluate(new SingleCoordinator.Facts(meeting, record.coreTeam())));
			}
			if (rules.isOn("ZP-R5") && meeting.type() == MeetingType.BREED_MDO) {
				verdicts.add(MdoNeedsCarePlan.evaluate(new MdoNeedsCarePlan.Facts(
						meeting, record.frailtyStatus().orElse(null), record.activeCarePlan())));
			}
		}
		return verdicts;
	}

	/** ZP-R2, ZP-R3, ZP-W1, ZP-W2 for a frailty episode (Condition A49.01/A05 with a status). */
	static List<Verdict> frailtyEpisode(Condition previous, Condition next, PatientRecord record, RuleSwitches rules) {
		List<Verdict> verdicts = new ArrayList<>();
		Optional<FrailtyStatus> status = PatientRecord.frailtyStatusOf(next);
		if (status.isEmpty()) {
			return verdicts;
		}
		FrailtyStatus before = previous == null ? null : PatientRecord.frailtyStatusOf(previous).orElse(null);
		LocalDate day = episodeDay(next);
		// A status takes effect when it is set: ZP-R2 and ZP-R3 judge the write that sets or changes it, on the
		// day it is set, whatever day the episode was first recorded. An unchanged status was judged when it was
		// set; changing other details of the episode later is not a new decision.
		boolean statusSet = before != status.get();
		LocalDate statusDay = statusDay(next);
		if (rules.isOn("ZP-R2") && statusSet) {
			verdicts.add(ParticipationConsent.evaluate(
					new ParticipationConsent.EpisodeFacts(status.get(), statusDay, record.consents())));
		}
		if (rules.isOn("ZP-R3")) {
			verdicts.add(ComplexFrailtyCriteria.evaluate(new ComplexFrailtyCriteria.Facts(before, status.get(),
					statusDay, record.checklists("complex-kwetsbaar-criteria"), record.coreTeam())));
		}
		if (rules.isOn("ZP-W1")) {
			LocalDate birthDate = record.patient().map(p -> Codes.day(p.getBirthDate())).orElse(null);
			verdicts.add(TargetAge.evaluate(new TargetAge.Facts(birthDate, day)));
		}
		if (rules.isOn("ZP-W2")) {
			verdicts.add(MultiDomainAssessment.evaluate(
					new MultiDomainAssessment.Facts(status.get(), record.instrumentsOnFile())));
		}
		return verdicts;
	}

	/** ZP-R2 and ZP-R8 for a Gezondheidsplan. */
	static List<Verdict> carePlan(CarePlan plan, PatientRecord record, RuleSwitches rules) {
		if (Codes.code(plan.getCategory(), "careplan-category").isEmpty()) {
			return List.of();
		}
		List<Verdict> verdicts = new ArrayList<>();
		if (rules.isOn("ZP-R2")) {
			boolean ending = plan.getStatus() == CarePlan.CarePlanStatus.COMPLETED
					|| plan.getStatus() == CarePlan.CarePlanStatus.REVOKED
					|| plan.getStatus() == CarePlan.CarePlanStatus.ENTEREDINERROR;
			LocalDate day = plan.getPeriod().hasStart() ? Codes.day(plan.getPeriod().getStart()) : Codes.today();
			verdicts.add(ParticipationConsent.evaluate(new ParticipationConsent.CarePlanFacts(ending, day, record.consents())));
		}
		if (rules.isOn("ZP-R8")) {
			List<MdoNeedsCarePlan.Action> open = plan.getActivity().stream().map(CarePlan.CarePlanActivityComponent::getDetail)
					.filter(detail -> !detail.hasStatus() || !CLOSED_ACTIVITY.contains(detail.getStatus()))
					.map(PatientRecord::action).toList();
			verdicts.add(OpenActionsAssigned.evaluate(new OpenActionsAssigned.Facts(
					plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE, open)));
		}
		return verdicts;
	}

	private static final java.util.Set<CarePlan.CarePlanActivityStatus> CLOSED_ACTIVITY = java.util.EnumSet.of(
			CarePlan.CarePlanActivityStatus.COMPLETED, CarePlan.CarePlanActivityStatus.CANCELLED,
			CarePlan.CarePlanActivityStatus.STOPPED, CarePlan.CarePlanActivityStatus.ENTEREDINERROR);
	private static final java.util.Set<Task.TaskStatus> CLOSED_TASK = java.util.EnumSet.of(Task.TaskStatus.COMPLETED,
			Task.TaskStatus.CANCELLED, Task.TaskStatus.REJECTED, Task.TaskStatus.FAILED, Task.TaskStatus.ENTEREDINERROR);

	/** Whether a work item is still to be done (not completed, cancelled, rejected, failed or entered in error). */
	static boolean isOpen(Task task) {
		return task.hasStatus() && !CLOSED_TASK.contains(task.getStatus());
	}

	/** ZP-R8 for a Task based on the patient's active Gezondheidsplan (an action assigned to someone). */
	static List<Verdict> task(Task task, PatientRecord record, RuleSwitches rules) {
		boolean basedOnAPlan = task.getBasedOn().stream()
				.anyMatch(basedOn -> "CarePlan".equals(basedOn.getReferenceElement().getResourceType()));
		if (!rules.isOn("ZP-R8") || !isOpen(task) || !basedOnAPlan
				|| !"Patient".equals(task.getFor().getReferenceElement().getResourceType())) {
			return List.of();
		}
		boolean ofTheActivePlan = record.activeGezondheidsplan().map(plan -> plan.getIdElement().getIdPart())
				.filter(id -> task.getBasedOn().stream().anyMatch(basedOn -> "CarePlan".equals(
						basedOn.getReferenceElement().getResourceType()) && id.equals(basedOn.getReferenceElement().getIdPart())))
				.isPresent();
		String owner = task.hasOwner() ? (task.getOwner().hasDisplay() ? task.getOwner().getDisplay()
				: task.getOwner().getReference()) : null;
		String urgency = task.hasPriority() ? task.getPriority().toCode() : null;
		String description = task.hasDescription() ? task.getDescription() : task.getCode().getText();
		return List.of(OpenActionsAssigned.evaluate(new OpenActionsAssigned.Facts(ofTheActivePlan,
				List.of(new MdoNeedsCarePlan.Action(description, owner, urgency)))));
	}

	/** ZP-R6 for a GZSP trajectory (EpisodeOfCare of type gzsp-zorgtraject). */
	static List<Verdict> trajectory(EpisodeOfCare previous, EpisodeOfCare next, PatientRecord record, RuleSwitches rules) {
		if (!rules.isOn("ZP-R6") || Codes.code(next.getType(), "episode-type").isEmpty()) {
			return List.of();
		}
		TrajectoryStatus before = previous == null ? null : status(previous);
		TrajectoryStatus after = status(next);
		if (after == null) {
			return List.of();
		}
		TrajectoryPhase phase = Codes.code(next.getType(), "zorgtraject-phase").flatMap(TrajectoryPhase::fromCode)
				.orElse(null);
		Extension previousTrajectory = next.getExtensionByUrl(PREVIOUS_TRAJECTORY);
		String previousId = previousTrajectory != null && previousTrajectory.getValue() instanceof Reference reference
				? reference.getReferenceElement().getIdPart()
				: null;
		LocalDate started = next.getPeriod().hasStart() ? Codes.day(next.getPeriod().getStart()) : Codes.today();
		LocalDate finished = next.getPeriod().hasEnd() ? Codes.day(next.getPeriod().getEnd()) : Codes.today();
		List<Trajectory> others = record.trajectories(next);
		return List.of(
				GzspStartOnce.evaluate(new GzspStartOnce.Facts(phase, after, previousId, others)),
				GzspTrajectoryOrder.evaluate(new GzspTrajectoryOrder.Facts(
						before, after, started, record.meetings(), record.checklists("gzsp-inclusie"))),
				GzspStopCriteria.evaluate(new GzspStopCriteria.Facts(
						before, after, started, finished, record.checklists("gzsp-stop"))));
	}

	private static TrajectoryStatus status(EpisodeOfCare episode) {
		return episode.getStatus() == null
				? null
				: TrajectoryStatus.fromCode(episode.getStatus().toCode()).orElse(null);
	}

	/**
	 * The day the status was set: today, or — for a record pushed later — the day the client states in
	 * extension {@code zp-status-date} on the stage (never later than today).
	 */
	static LocalDate statusDay(Condition condition) {
		LocalDate today = Codes.today();
		Extension stated = condition.getStageFirstRep().getExtensionByUrl(STATUS_DATE);
		if (stated != null && stated.getValue() instanceof org.hl7.fhir.r4.model.DateTimeType date && date.getValue() != null) {
			LocalDate day = Codes.day(date.getValue());
			return day.isAfter(today) ? today : day;
		}
		return today;
	}

	private static LocalDate episodeDay(Condition condition) {
		if (condition.hasRecordedDate()) {
			return Codes.day(condition.getRecordedDate());
		}
		if (condition.hasOnsetDateTimeType()) {
			return Codes.day(condition.getOnsetDateTimeType().getValue());
		}
		return Codes.today();
	}
}
