package nl.zorgpad.worklist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.server.PopulationList;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * One worklist of one request, most overdue first: an entry is the resource concerned (Patient, EpisodeOfCare,
 * Consent, Task) with extension {@code zp-worklist-item} (type, patient, since, due); a CSV line holds the same.
 */
final class Worklist implements PopulationList<Worklist.Item> {
	static final String ITEM = "https://zorgpad.nl/fhir/StructureDefinition/zp-worklist-item";

	/** One thing to do: about which resource, for which patient, since when and due when. */
	record Item(WorklistType type, String resourceType, String id, String patient, LocalDate since, LocalDate due) {}

	private final WorklistType type;
	private final String practice;
	private final LocalDate date;
	private final WorklistSource source;
	private final ResourceStore store;

	Worklist(WorklistType type, String practice, LocalDate date, WorklistSource source, ResourceStore store) {
		this.type = type;
		this.practice = practice;
		this.date = date;
		this.source = source;
		this.store = store;
	}

	@Override
	public List<Item> rows(boolean whole) {
		List<Item> items = switch (type) {
			case MDO_DUE -> mdoDue();
			case EVALUATION_DUE -> evaluationDue();
			case CONSENT_REVIEW -> consentReview();
			case TASKS_OVERDUE -> tasksOverdue();
		};
		items.sort(Comparator.comparing(Item::due).thenComparing(Item::id));
		return items;
	}

	@Override
	public String patient(Item item) {
		return item.patient();
	}

	@Override
	public String resource(Item item) {
		return item.resourceType() + "/" + item.id();
	}

	@Override
	public List<Extension> details(List<Item> items) {
		return items.stream().map(item -> {
			Extension extension = new Extension(ITEM);
			extension.addExtension("type", new Coding(WorklistType.SYSTEM, item.type().code(), null));
			extension.addExtension("patient", new Reference("Patient/" + item.patient()));
			if (item.since() != null) {
				extension.addExtension("since", new DateType(item.since().toString()));
			}
			extension.addExtension("due", new DateType(item.due().toString()));
			return extension;
		}).toList();
	}

	@Override
	public String fileName() {
		return "worklist-" + type.code() + "-" + date + ".csv";
	}

	@Override
	public List<String> header() {
		return List.of("type", "patient", "resource", "since", "due");
	}

	@Override
	public List<List<String>> lines(List<Item> items) {
		return items.stream().map(item -> List.of(item.type().code(), "Patient/" + item.patient(), resource(item),
				item.since() == null ? "" : item.since().toString(), item.due().toString())).toList();
	}

	/** Complex frail patients without an MDO in the last 12 months. */
	private List<Item> mdoDue() {
		List<WorklistSource.PatientRow> patients = source.complexFrail(practice, date);
		Map<Long, LocalDate> lastMdo = source.lastMdo(patients.stream().map(WorklistSource.PatientRow::pid).toList(), date);
		List<Item> items = new ArrayList<>();
		for (WorklistSource.PatientRow patient : patients) {
			LocalDate last = lastMdo.get(patient.pid());
			if (Due.mdo(last, date)) {
				LocalDate since = patient.since() == null ? date : patient.since();
				items.add(new Item(type, "Patient", patient.patient(), patient.patient(), last, Due.nextMdo(last, since)));
			}
		}
		return items;
	}

	/** Active GZSP trajectories whose (3-month, then monthly) evaluation is due. */
	private List<Item> evaluationDue() {
		List<WorklistSource.TrajectoryRow> trajectories = source.activeTrajectories(practice);
		Map<Long, LocalDate> evaluated = source.lastEvaluation(
				trajectories.stream().map(WorklistSource.TrajectoryRow::pid).toList(), date);
		List<Item> items = new ArrayList<>();
		for (WorklistSource.TrajectoryRow trajectory : trajectories) {
			if (trajectory.start() == null) {
				continue;
			}
			LocalDate last = evaluated.get(trajectory.pid());
			Optional<LocalDate> due = Due.evaluation(trajectory.start(), last, date);
			due.ifPresent(day -> items.add(new Item(type, "EpisodeOfCare", trajectory.id(), trajectory.patient(),
					last != null && !last.isBefore(trajectory.start()) ? last : trajectory.start(), day)));
		}
		return items;
	}

	/** The latest consent per patient and category, when it is active and 12 months old or more. */
	private List<Item> consentReview() {
		Map<String, WorklistSource.ConsentRow> latest = new HashMap<>();
		for (WorklistSource.ConsentRow consent : source.consents(practice, date)) {
			latest.merge(consent.pid() + "|" + consent.category(), consent,
					(a, b) -> a.given().isAfter(b.given()) || a.given().equals(b.given()) && a.id().compareTo(b.id()) > 0 ? a : b);
		}
		List<Item> items = new ArrayList<>();
		for (WorklistSource.ConsentRow consent : latest.values()) {
			if ("active".equals(consent.status()) && Due.consentReview(consent.given(), date)) {
				items.add(new Item(type, "Consent", consent.id(), consent.patient(), consent.given(),
						consent.given().plus(Programme.CONSENT_REVIEW)));
			}
		}
		return items;
	}

	/** Open Tasks whose due date ({@code restriction.period.end}) has passed. */
	private List<Item> tasksOverdue() {
		Map<String, String> patients = new HashMap<>();
		source.openTasks(practice).forEach(task -> patients.put(task.id(), task.patient()));
		List<Item> items = new ArrayList<>();
		for (Task task : store.byIds(Task.class, patients.keySet())) {
			LocalDate due = Due.day(task.getRestriction().getPeriod().getEndElement().getValueAsString());
			if (Due.taskOverdue(due, date)) {
				LocalDate since = Due.day(task.getAuthoredOnElement().getValueAsString());
				String id = task.getIdElement().getIdPart();
				items.add(new Item(type, "Task", id, patients.get(id), since, due));
			}
		}
		return items;
	}
}
