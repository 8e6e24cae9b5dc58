package nl.zorgpad.pathway;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.zorgpad.careplan.CarePlanFacts;
import nl.zorgpad.careplan.MdoNeedsCarePlan;
import nl.zorgpad.careplan.OpenActionsAssigned;
import nl.zorgpad.consent.ConsentBeforeDiscussion;
import nl.zorgpad.fhir.Codes;
import nl.zorgpad.frailty.ComplexFrailtyCriteria;
import nl.zorgpad.frailty.FrailtyFacts;
import nl.zorgpad.frailty.FrailtyStatus;
import nl.zorgpad.frailty.MultiDomainAssessment;
import nl.zorgpad.frailty.ParticipationConsent;
import nl.zorgpad.frailty.TargetAge;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.meeting.MeetingType;
import nl.zorgpad.meeting.SingleCoordinator;
import nl.zorgpad.rules.RuleId;
import nl.zorgpad.rules.RuleSwitches;
import nl.zorgpad.rules.Verdict;
import nl.zorgpad.trajectory.GzspStartOnce;
import nl.zorgpad.trajectory.GzspStopCriteria;
import nl.zorgpad.trajectory.GzspTrajectoryOrder;
import nl.zorgpad.trajectory.TrajectoryFacts;
import nl.zorgpad.trajectory.TrajectoryStatus;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * The registry of pathway checks: each rule of {@link RuleId} (but ZP-R7, which the scoring of instrument
 * responses applies) with the resource types it judges. Writes are routed to the checks of their type, as HAPI's
 * RepositoryValidatingInterceptor routes its rules; each check only gathers facts and asks a pure rule.
 */
final class PathwayRules {
	private PathwayRules() {}

	static final List<PathwayCheck<?>> ALL = List.of(
			// A meeting: every meeting type it is coded with counts.
			new PathwayCheck<>(RuleId.R1, Encounter.class, (previous, encounter, record) -> record.meetings(encounter)
					.stream().map(meeting -> ConsentBeforeDiscussion.evaluate(
							new ConsentBeforeDiscussion.Facts(meeting, record.consents()))).toList()),
			new PathwayCheck<>(RuleId.R4, Encounter.class, (previous, encounter, record) -> meetingsOf(
					MeetingType.KERNTEAM_OVERLEG, encounter, record).stream().map(meeting -> SingleCoordinator.evaluate(
							new SingleCoordinator.Facts(meeting, record.coreTeam()))).toList()),
			new PathwayCheck<>(RuleId.R5, Encounter.class, (previous, encounter, record) -> meetingsOf(
					MeetingType.BREED_MDO, encounter, record).stream().map(meeting -> MdoNeedsCarePlan
							.evaluate(new MdoNeedsCarePlan.Facts(
									meeting, record.frailtyStatus().orElse(null), record.activeCarePlan()))).toList()),
			// A frailty episode. A status takes effect when it is set: ZP-R2 judges the write that sets or changes it,
			// on the day it is set, whatever day the episode was first recorded; an unchanged status was judged then.
			new PathwayCheck<>(RuleId.R2, Condition.class, (previous, episode, record) -> statusOf(episode)
					.filter(status -> status != statusOf(previous).orElse(null))
					.map(status -> List.of(ParticipationConsent.evaluate(new ParticipationConsent.EpisodeFacts(
							status, FrailtyFacts.statusDay(episode, record.today()), record.consents()))))
					.orElse(List.of())),
			new PathwayCheck<>(RuleId.R3, Condition.class, (previous, episode, record) -> statusOf(episode)
					.map(status -> List.of(ComplexFrailtyCriteria.evaluate(new ComplexFrailtyCriteria.Facts(
							statusOf(previous).orElse(null), status, FrailtyFacts.statusDay(episode, record.today()),
							record.checklists("complex-kwetsbaar-criteria"), record.coreTeam()))))
					.orElse(List.of())),
			new PathwayCheck<>(RuleId.W1, Condition.class, (previous, episode, record) -> statusOf(episode)
					.map(status -> List.of(targetAge(episode, record))).orElse(List.of())),
			new PathwayCheck<>(RuleId.W2, Condition.class, (previous, episode, record) -> statusOf(episode)
					.map(status -> List.of(MultiDomainAssessment.evaluate(
							new MultiDomainAssessment.Facts(status, record.instrumentsOnFile()))))
					.orElse(List.of())),
			// The Gezondheidsplan and the actions assigned from it.
			new PathwayCheck<>(RuleId.R2, CarePlan.class, (previous, plan, record) -> !CarePlanFacts.isGezondheidsplan(plan)
					? List.of()
					: List.of(ParticipationConsent.evaluate(new ParticipationConsent.CarePlanFacts(CarePlanFacts.isEnding(plan),
							plan.getPeriod().hasStart() ? Codes.day(plan.getPeriod().getStart()) : record.today(),
							record.consents())))),
			new PathwayCheck<>(RuleId.R8, CarePlan.class, (previous, plan, record) -> !CarePlanFacts.isGezondheidsplan(plan)
					? List.of()
					: List.of(OpenActionsAssigned.evaluate(new OpenActionsAssigned.Facts(
							CarePlanFacts.isActive(plan), CarePlanFacts.openActionsOf(plan))))),
			new PathwayCheck<>(RuleId.R8, Task.class, PathwayRules::assignedAction),
			// A GZSP trajectory.
			new PathwayCheck<>(RuleId.R6, EpisodeOfCare.class, PathwayRules::trajectory));

	/** What the switched-on checks for this resource say about the write. */
	static List<Verdict> judge(Resource previous, Resource next, PatientRecord record, RuleSwitches switches) {
		List<Verdict> verdicts = new ArrayList<>();
		for (PathwayCheck<?> check : ALL) {
			if (check.guards(next) && switches.isOn(check.rule())) {
				verdicts.addAll(check.apply(previous, next, record));
			}
		}
		return verdicts;
	}

	/** Whether any check judges writes of this resource. */
	static boolean judges(Resource resource) {
		return ALL.stream().anyMatch(check -> check.guards(resource));
	}

	/** ZP-W1 as {@code $pathway} shows it for the current episode, on the episode's day. */
	static Verdict targetAge(Condition episode, PatientRecord record) {
		LocalDate birthDate = record.patient().map(p -> Codes.day(p.getBirthDate())).orElse(null);
		return TargetAge.evaluate(new TargetAge.Facts(birthDate, FrailtyFacts.episodeDay(episode, record.today())));
	}

	private static List<Meeting> meetingsOf(MeetingType type, Encounter encounter, PatientRecord record) {
		return record.meetings(encounter).stream().filter(meeting -> meeting.type() == type).toList();
	}

	/** The status a frailty episode records; empty for any other Condition (and for none). */
	private static Optional<FrailtyStatus> statusOf(Condition condition) {
		return condition != null && FrailtyFacts.isFrailtyEpisode(condition)
				? FrailtyFacts.statusOf(condition)
				: Optional.empty();
	}

	/** ZP-R8 for an open Task based on a CarePlan, for a patient. */
	private static List<Verdict> assignedAction(Task previous, Task task, PatientRecord record) {
		if (!CarePlanFacts.isOpen(task) || !CarePlanFacts.isBasedOnPlan(task, null)
				|| !"Patient".equals(task.getFor().getReferenceElement().getResourceType())) {
			return List.of();
		}
		boolean ofTheActivePlan = record.activeGezondheidsplan()
				.filter(plan -> CarePlanFacts.isBasedOnPlan(task, plan.getIdElement().getIdPart())).isPresent();
		return List.of(OpenActionsAssigned.evaluate(
				new OpenActionsAssigned.Facts(ofTheActivePlan, List.of(CarePlanFacts.actionOf(task)))));
	}

	/** ZP-R6: the order, the single start phase and the closing of a GZSP trajectory. */
	private static List<Verdict> trajectory(EpisodeOfCare previous, EpisodeOfCare next, PatientRecord record) {
		Optional<TrajectoryStatus> after = TrajectoryFacts.statusOf(next);
		if (!TrajectoryFacts.isTrajectory(next) || after.isEmpty()) {
			return List.of();
		}
		TrajectoryStatus before = previous == null ? null : TrajectoryFacts.statusOf(previous).orElse(null);
		LocalDate started = next.getPeriod().hasStart() ? Codes.day(next.getPeriod().getStart()) : record.today();
		LocalDate finished = next.getPeriod().hasEnd() ? Codes.day(next.getPeriod().getEnd()) : record.today();
		return List.of(
				GzspStartOnce.evaluate(new GzspStartOnce.Facts(TrajectoryFacts.phaseOf(next).orElse(null), after.get(),
						TrajectoryFacts.previousId(next), record.trajectories(next))),
				GzspTrajectoryOrder.evaluate(new GzspTrajectoryOrder.Facts(
						before, after.get(), started, record.meetings(), record.checklists("gzsp-inclusie"))),
				GzspStopCriteria.evaluate(new GzspStopCriteria.Facts(
						before, after.get(), started, finished, record.checklists("gzsp-stop"))));
	}
}
