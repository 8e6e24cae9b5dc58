package nl.zorgpad.worklist;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.server.Csv;
import nl.zorgpad.server.OperationResponses;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * {@code GET [base]/$worklist?type=mdo-due|evaluation-due|consent-review[&practice=…][&date=…]} (SPEC §6):
 * what a coordinator has to do, most overdue first, as a paged searchset Bundle. Entries are the
 * resources concerned (Patient, EpisodeOfCare, Consent), each with extension {@code zp-worklist-item}
 * (type, patient, since, due); {@code _format=csv} gives the whole list as a spreadsheet.
 */
final class WorklistOperation {
	static final String ITEM = "https://zorgpad.nl/fhir/StructureDefinition/zp-worklist-item";
	static final String ITEM_TYPES = "https://zorgpad.nl/fhir/CodeSystem/worklist-type";

	/** One thing to do: about which resource, for which patient, since when and due when. */
	record Item(String type, String resourceType, String id, String patient, LocalDate since, LocalDate due) {}

	private final WorklistSource query;
	private final ResourceStore store;
	private final Clock clock;

	WorklistOperation(WorklistSource query, ResourceStore store, Clock clock) {
		this.clock = clock;
		this.query = query;
		this.store = store;
	}

	@Operation(name = "$worklist", idempotent = true, manualResponse = true)
	public void worklist(
			@OperationParam(name = "type", min = 1) CodeType type,
			@OperationParam(name = "date") DateType date,
			@OperationParam(name = "practice") StringType practice,
			@OperationParam(name = "_count") IntegerType count,
			@OperationParam(name = "_offset") IntegerType offset,
			ServletRequestDetails request,
			HttpServletResponse response) throws IOException {
		LocalDate day = OperationResponses.day(date, clock);
		String organization = OperationResponses.organizationId(practice);
		String kind = type == null ? null : type.getValue();
		List<Item> items = switch (kind == null ? "" : kind) {
			case "mdo-due" -> mdoDue(organization, day);
			case "evaluation-due" -> evaluationDue(organization, day);
			case "consent-review" -> consentReview(organization, day);
			case "tasks-overdue" -> tasksOverdue(organization, day);
			default -> throw new InvalidRequestException(
					"type must be one of mdo-due, evaluation-due, consent-review, tasks-overdue; not '" + kind + "'");
		};
		items.sort(Comparator.comparing(Item::due).thenComparing(Item::id));
		java.util.Optional<Csv.Dialect> spreadsheet = OperationResponses.spreadsheet(request);
		if (spreadsheet.isPresent()) {
			OperationResponses.shown(request, items.stream().map(item -> "Patient/" + item.patient()).toList());
			try (Csv out = OperationResponses.csv(response, spreadsheet.get(), "worklist-" + kind + "-" + day + ".csv")) {
				out.row("type", "patient", "resource", "since", "due");
				for (Item item : items) {
					out.row(item.type(), "Patient/" + item.patient(), item.resourceType() + "/" + item.id(),
							item.since() == null ? "" : item.since().toString(), item.due().toString());
				}
			}
			return;
		}
		OperationResponses.Page page = OperationResponses.page(count, offset, items.size());
		List<Item> shown = items.subList(page.from(), page.to());
		OperationResponses.shown(request, shown.stream().map(item -> "Patient/" + item.patient()).toList());
		Bundle bundle = OperationResponses.searchset(request, page, items.size());
		Map<String, Resource> resources = resources(shown);
		for (Item item : shown) {
			Resource resource = resources.get(item.resourceType() + "/" + item.id());
			if (resource == null) {
				continue; // deleted meanwhile
			}
			Bundle.BundleEntryComponent entry = bundle.addEntry()
					.setFullUrl(request.getFhirServerBase() + "/" + item.resourceType() + "/" + item.id())
					.setResource(resource);
			entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
			Extension extension = entry.addExtension().setUrl(ITEM);
			extension.addExtension("type", new org.hl7.fhir.r4.model.Coding(ITEM_TYPES, item.type(), null));
			extension.addExtension("patient", new Reference("Patient/" + item.patient()));
			if (item.since() != null) {
				extension.addExtension("since", new DateType(item.since().toString()));
			}
			extension.addExtension("due", new DateType(item.due().toString()));
		}
		OperationResponses.write(request, bundle);
	}

	/** Complex frail patients without an MDO in the last 12 months. */
	private List<Item> mdoDue(String practice, LocalDate date) {
		List<WorklistSource.PatientRow> patients = query.complexFrail(practice, date);
		Map<Long, LocalDate> lastMdo = query.lastMdo(patients.stream().map(WorklistSource.PatientRow::pid).toList(), date);
		List<Item> items = new ArrayList<>();
		for (WorklistSource.PatientRow patient : patients) {
			LocalDate last = lastMdo.get(patient.pid());
			if (Due.mdo(last, date)) {
				LocalDate since = patient.since() == null ? date : patient.since();
				items.add(new Item("mdo-due", "Patient", patient.patient(), patient.patient(), last,
						Due.nextMdo(last, since)));
			}
		}
		return items;
	}

	/** Active GZSP trajectories whose (3-month, then monthly) evaluation is due. */
	private List<Item> evaluationDue(String practice, LocalDate date) {
		List<WorklistSource.TrajectoryRow> trajectories = query.activeTrajectories(practice);
		Map<Long, LocalDate> evaluated = query.lastEvaluation(
				trajectories.stream().map(WorklistSource.TrajectoryRow::pid).toList(), date);
		List<Item> items = new ArrayList<>();
		for (WorklistSource.TrajectoryRow trajectory : trajectories) {
			if (trajectory.start() == null) {
				continue;
			}
			LocalDate last = evaluated.get(trajectory.pid());
			Optional<LocalDate> due = Due.evaluation(trajectory.start(), last, date);
			due.ifPresent(day -> items.add(new Item("evaluation-due", "EpisodeOfCare", trajectory.id(),
					trajectory.patient(), last != null && !last.isBefore(trajectory.start()) ? last : trajectory.start(),
					day)));
		}
		return items;
	}

	/** The latest consent per patient and category, when it is active and 12 months old or more. */
	private List<Item> consentReview(String practice, LocalDate date) {
		Map<String, WorklistSource.ConsentRow> latest = new HashMap<>();
		for (WorklistSource.ConsentRow consent : query.consents(practice, date)) {
			latest.merge(consent.pid() + "|" + consent.category(), consent,
					(a, b) -> a.given().isAfter(b.given()) || a.given().equals(b.given()) && a.id().compareTo(b.id()) > 0 ? a : b);
		}
		List<Item> items = new ArrayList<>();
		for (WorklistSource.ConsentRow consent : latest.values()) {
			if ("active".equals(consent.status()) && Due.consentReview(consent.given(), date)) {
				items.add(new Item("consent-review", "Consent", consent.id(), consent.patient(), consent.given(),
						consent.given().plus(Programme.CONSENT_REVIEW)));
			}
		}
		return items;
	}

	/** Open Tasks whose due date ({@code restriction.period.end}) has passed, most overdue first. */
	private List<Item> tasksOverdue(String practice, LocalDate date) {
		Map<String, String> patients = new HashMap<>();
		query.openTasks(practice).forEach(task -> patients.put(task.id(), task.patient()));
		List<Item> items = new ArrayList<>();
		for (Task task : store.byIds(Task.class, patients.keySet())) {
			LocalDate due = Due.day(task.getRestriction().getPeriod().getEndElement().getValueAsString());
			if (Due.taskOverdue(due, date)) {
				LocalDate since = Due.day(task.getAuthoredOnElement().getValueAsString());
				String id = task.getIdElement().getIdPart();
				items.add(new Item("tasks-overdue", "Task", id, patients.get(id), since, due));
			}
		}
		return items;
	}

	private Map<String, Resource> resources(List<Item> items) {
		Map<String, List<String>> idsByType = items.stream().collect(Collectors.groupingBy(
				Item::resourceType, Collectors.mapping(Item::id, Collectors.toList())));
		Map<String, Resource> resources = new HashMap<>();
		idsByType.forEach((type, ids) -> {
			Class<? extends Resource> kind = switch (type) {
				case "Patient" -> Patient.class;
				case "EpisodeOfCare" -> EpisodeOfCare.class;
				case "Task" -> Task.class;
				default -> Consent.class;
			};
			store.byIds(kind, ids).forEach(r -> resources.put(type + "/" + r.getIdElement().getIdPart(), r));
		});
		return resources;
	}
}
