package nl.zorgpad.store;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.zorgpad.careplan.CarePlanFacts;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.questionnaire.ResponseFacts;
import nl.zorgpad.worklist.WorklistSource;
import org.hl7.fhir.r4.model.Task;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/** The facts behind the worklists, as SQL on HAPI's index tables (indexed hash columns only). */
@Component
class WorklistSql implements WorklistSource {
	private static final String CS = nl.zorgpad.fhir.Codes.BASE;
	private static final String GZSP_STOP = "https://zorgpad.nl/fhir/Questionnaire/gzsp-stop";

	/** Patients whose current frailty status is complex frail (see SearchIndex#currentFrailtyEpisodes). */
	private static final String COMPLEX_FRAIL = """
			SELECT e.PID AS PID, pr.FHIR_ID AS PATIENT, e.RECORDED AS SINCE
			FROM (%s) e
			JOIN HFJ_SPIDX_TOKEN sg ON sg.RES_ID = e.RES_ID AND sg.HASH_SYS_AND_VALUE = :complex
			JOIN HFJ_RESOURCE pr ON pr.RES_ID = e.PID AND pr.RES_TYPE = 'Patient' AND pr.RES_DELETED_AT IS NULL
			WHERE 1 = 1
			""";
	private static final String LAST_MDO = """
			SELECT e.TARGET_RESOURCE_ID AS PID, MAX(ed.SP_VALUE_LOW_DATE_ORDINAL) AS LAST
			FROM HFJ_RES_LINK e
			JOIN HFJ_SPIDX_TOKEN et ON et.RES_ID = e.SRC_RESOURCE_ID AND et.HASH_SYS_AND_VALUE IN (:breedMdo, :mdoGzsp)
			JOIN HFJ_SPIDX_TOKEN es ON es.RES_ID = e.SRC_RESOURCE_ID AND es.HASH_VALUE = :finished
			JOIN HFJ_SPIDX_DATE ed ON ed.RES_ID = e.SRC_RESOURCE_ID AND ed.HASH_IDENTITY = :encounterDate
			WHERE e.SRC_PATH = 'Encounter.subject' AND e.TARGET_RESOURCE_ID IN (:pids)
			AND ed.SP_VALUE_LOW_DATE_ORDINAL <= :date
			GROUP BY e.TARGET_RESOURCE_ID
			""";
	private static final String ACTIVE_TRAJECTORIES = """
			SELECT t.FHIR_ID AS ID, l.TARGET_RESOURCE_ID AS PID, pr.FHIR_ID AS PATIENT, d.SP_VALUE_LOW_DATE_ORDINAL AS START
			FROM HFJ_SPIDX_TOKEN tt
			JOIN HFJ_SPIDX_TOKEN ts ON ts.RES_ID = tt.RES_ID AND ts.HASH_VALUE = :trajectoryActive
			JOIN HFJ_RESOURCE t ON t.RES_ID = tt.RES_ID AND t.RES_DELETED_AT IS NULL
			JOIN HFJ_RES_LINK l ON l.SRC_RESOURCE_ID = tt.RES_ID AND l.SRC_PATH = 'EpisodeOfCare.patient'
			JOIN HFJ_RESOURCE pr ON pr.RES_ID = l.TARGET_RESOURCE_ID
			JOIN HFJ_SPIDX_DATE d ON d.RES_ID = tt.RES_ID AND d.HASH_IDENTITY = :trajectoryDate
			WHERE tt.HASH_SYS_AND_VALUE = :gzsp
			""";
	/**
	 * The last recorded evaluation: a completed (or amended) gzsp-stop response, on the day of the meeting it
	 * records, else the day it was authored (as ChecklistResponse#day).
	 */
	private static final String LAST_EVALUATION = """
			SELECT s.TARGET_RESOURCE_ID AS PID, MAX(COALESCE(md.SP_VALUE_LOW_DATE_ORDINAL, a.SP_VALUE_LOW_DATE_ORDINAL)) AS LAST
			FROM HFJ_RES_LINK q
			JOIN HFJ_RES_LINK s ON s.SRC_RESOURCE_ID = q.SRC_RESOURCE_ID AND s.SRC_PATH = 'QuestionnaireResponse.subject'
			JOIN HFJ_SPIDX_TOKEN qs ON qs.RES_ID = q.SRC_RESOURCE_ID AND qs.HASH_VALUE IN (:responsesCompleted)
			LEFT JOIN HFJ_SPIDX_DATE a ON a.RES_ID = q.SRC_RESOURCE_ID AND a.HASH_IDENTITY = :authored
			LEFT JOIN HFJ_RES_LINK m ON m.SRC_RESOURCE_ID = q.SRC_RESOURCE_ID AND m.SRC_PATH = 'QuestionnaireResponse.encounter'
			LEFT JOIN HFJ_SPIDX_DATE md ON md.RES_ID = m.TARGET_RESOURCE_ID AND md.HASH_IDENTITY = :encounterDate
			WHERE q.SRC_PATH = 'QuestionnaireResponse.questionnaire'
			AND (q.TARGET_RESOURCE_URL = :gzspStop OR q.TARGET_RESOURCE_URL LIKE :gzspStopVersioned)
			AND s.TARGET_RESOURCE_ID IN (:pids)
			AND COALESCE(md.SP_VALUE_LOW_DATE_ORDINAL, a.SP_VALUE_LOW_DATE_ORDINAL) <= :date
			GROUP BY s.TARGET_RESOURCE_ID
			""";
	private static final String CONSENTS = """
			SELECT r.FHIR_ID AS ID, l.TARGET_RESOURCE_ID AS PID, pr.FHIR_ID AS PATIENT, cat.SP_VALUE AS CATEGORY,
			st.SP_VALUE AS STATUS, d.SP_VALUE_LOW_DATE_ORDINAL AS GIVEN
			FROM HFJ_SPIDX_TOKEN cat
			JOIN HFJ_RESOURCE r ON r.RES_ID = cat.RES_ID AND r.RES_DELETED_AT IS NULL
			JOIN HFJ_SPIDX_TOKEN st ON st.RES_ID = cat.RES_ID AND st.HASH_IDENTITY = :consentStatus
			JOIN HFJ_RES_LINK l ON l.SRC_RESOURCE_ID = cat.RES_ID AND l.SRC_PATH = 'Consent.patient'
			JOIN HFJ_RESOURCE pr ON pr.RES_ID = l.TARGET_RESOURCE_ID
			JOIN HFJ_SPIDX_DATE d ON d.RES_ID = cat.RES_ID AND d.HASH_IDENTITY = :consentDate
			WHERE cat.HASH_SYS = :consentCategory AND d.SP_VALUE_LOW_DATE_ORDINAL <= :date
			""";

	/** Tasks not yet done (CarePlanFacts#isOpen). */
	private static final String OPEN_TASKS = """
			SELECT t.FHIR_ID AS ID, pr.FHIR_ID AS PATIENT
			FROM HFJ_SPIDX_TOKEN st
			JOIN HFJ_RESOURCE t ON t.RES_ID = st.RES_ID AND t.RES_DELETED_AT IS NULL
			JOIN HFJ_RES_LINK l ON l.SRC_RESOURCE_ID = st.RES_ID AND l.SRC_PATH = 'Task.for'
			JOIN HFJ_RESOURCE pr ON pr.RES_ID = l.TARGET_RESOURCE_ID AND pr.RES_TYPE = 'Patient'
			WHERE st.HASH_VALUE IN (:tasksOpen)
			""";

	private final SearchIndex index;
	private final Map<String, Long> hashes = new HashMap<>();
	/** Lists of hashes, from one definition in Java (which Task statuses are open, which responses count). */
	private final Map<String, List<Long>> lists = new HashMap<>();

	WorklistSql(SearchIndex index) {
		this.index = index;
		hashes.put("complex", index.token("Condition", "stage", CS + "frailty-status", "complex-kwetsbaar"));
		hashes.put("breedMdo", index.token("Encounter", "type", CS + "meeting-type", "breed-mdo"));
		hashes.put("mdoGzsp", index.token("Encounter", "type", CS + "meeting-type", "mdo-gzsp"));
		hashes.put("finished", index.tokenValue("Encounter", "status", "finished"));
		hashes.put("encounterDate", index.parameter("Encounter", "date"));
		hashes.put("trajectoryActive", index.tokenValue("EpisodeOfCare", "status", "active"));
		hashes.put("trajectoryDate", index.parameter("EpisodeOfCare", "date"));
		hashes.put("gzsp", index.token("EpisodeOfCare", "type", CS + "episode-type", "gzsp-zorgtraject"));
		hashes.put("authored", index.parameter("QuestionnaireResponse", "authored"));
		hashes.put("consentStatus", index.parameter("Consent", "status"));
		hashes.put("consentDate", index.parameter("Consent", "date"));
		hashes.put("consentCategory", index.tokenSystem("Consent", "category", CS + "consent-category"));
		lists.put("tasksOpen", Arrays.stream(Task.TaskStatus.values())
				.filter(status -> status != Task.TaskStatus.NULL && !CarePlanFacts.CLOSED_TASK.contains(status))
				.map(status -> index.tokenValue("Task", "status", status.toCode())).toList());
		lists.put("responsesCompleted", ResponseFacts.COMPLETED_CODES.stream()
				.map(status -> index.tokenValue("QuestionnaireResponse", "status", status)).toList());
	}

	/** The open Tasks (of patients listed at the practice, when one is given). */
	@Override
	public List<TaskRow> openTasks(String practice) {
		String sql = OPEN_TASKS + (practice == null ? "" : SearchIndex.atPractice("l.TARGET_RESOURCE_ID"));
		return index.jdbc().query(sql(sql), parameters().addValue("practice", practice),
				(row, n) -> new TaskRow(row.getString("ID"), row.getString("PATIENT")));
	}

	/** Patients whose current frailty status on {@code date} is complex frail, and the day that episode was recorded. */
	@Override
	public List<PatientRow> complexFrail(String practice, LocalDate date) {
		String sql = COMPLEX_FRAIL.formatted(index.currentFrailtyEpisodes()) + onTheList("e.PID")
				+ (practice == null ? "" : SearchIndex.atPractice("e.PID"));
		return index.jdbc().query(sql(sql), parameters().addValue("practice", practice)
				.addValue("date", SearchIndex.ordinal(date)), (row, n) -> new PatientRow(
				row.getLong("PID"), row.getString("PATIENT"), day(row.getObject("SINCE"))));
	}

	/** The last finished MDO (breed-mdo or mdo-gzsp) on or before {@code date} per patient. */
	@Override
	public Map<Long, LocalDate> lastMdo(Collection<Long> pids, LocalDate date) {
		return lastPerPatient(LAST_MDO, pids, date);
	}

	@Override
	public List<TrajectoryRow> activeTrajectories(String practice) {
		String sql = ACTIVE_TRAJECTORIES + onTheList("l.TARGET_RESOURCE_ID")
				+ (practice == null ? "" : SearchIndex.atPractice("l.TARGET_RESOURCE_ID"));
		return index.jdbc().query(sql(sql), parameters().addValue("practice", practice), (row, n) -> new TrajectoryRow(
				row.getString("ID"), row.getLong("PID"), row.getString("PATIENT"), day(row.getObject("START"))));
	}

	/** The last gzsp-stop response (the recorded evaluation) on or before {@code date} per patient. */
	@Override
	public Map<Long, LocalDate> lastEvaluation(Collection<Long> pids, LocalDate date) {
		return lastPerPatient(LAST_EVALUATION, pids, date);
	}

	/** Consents of our categories given on or before {@code date}. */
	@Override
	public List<ConsentRow> consents(String practice, LocalDate date) {
		String sql = CONSENTS + onTheList("l.TARGET_RESOURCE_ID")
				+ (practice == null ? "" : SearchIndex.atPractice("l.TARGET_RESOURCE_ID"));
		return index.jdbc().query(sql(sql),
				parameters().addValue("practice", practice).addValue("date", SearchIndex.ordinal(date)),
				(row, n) -> new ConsentRow(row.getString("ID"), row.getLong("PID"), row.getString("PATIENT"),
						row.getString("CATEGORY"), row.getString("STATUS"), day(row.getObject("GIVEN"))));
	}

	private Map<Long, LocalDate> lastPerPatient(String sql, Collection<Long> pids, LocalDate date) {
		Map<Long, LocalDate> last = new HashMap<>();
		for (List<Long> chunk : ResourceStore.chunks(List.copyOf(pids))) {
			index.jdbc().query(sql(sql), parameters().addValue("pids", chunk).addValue("date", SearchIndex.ordinal(date)),
					row -> {
						last.put(row.getLong("PID"), SearchIndex.day(row.getInt("LAST")));
					});
		}
		return last;
	}

	/**
	 * The patient-based worklists (mdo-due, evaluation-due, consent-review) are about patients still on the
	 * practice's list: one who died or was marked inactive needs no MDO, evaluation or consent review. Open Tasks
	 * stay on tasks-overdue whoever they are about, until someone closes them.
	 */
	private String onTheList(String patientColumn) {
		return " AND " + index.listed(patientColumn) + "\n";
	}

	private MapSqlParameterSource parameters() {
		return new MapSqlParameterSource("gzspStop", GZSP_STOP).addValue("gzspStopVersioned", GZSP_STOP + "|%");
	}

	/** The SQL with our hashes written in as literals. */
	private String sql(String template) {
		String sql = template;
		for (Map.Entry<String, List<Long>> list : lists.entrySet()) {
			sql = sql.replace(":" + list.getKey(), list.getValue().stream().map(String::valueOf)
					.collect(java.util.stream.Collectors.joining(", ")));
		}
		return SearchIndex.inline(sql, hashes);
	}


	private static LocalDate day(Object ordinal) {
		return ordinal == null ? null : SearchIndex.day(((Number) ordinal).intValue());
	}
}
