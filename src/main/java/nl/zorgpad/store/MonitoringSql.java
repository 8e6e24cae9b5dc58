package nl.zorgpad.store;

import java.util.HashMap;
import java.util.Map;
import nl.zorgpad.frailty.FrailtyStatus;
import nl.zorgpad.monitoring.Measure;
import nl.zorgpad.monitoring.MonitoringCounts;
import nl.zorgpad.monitoring.ReportPeriod;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The counts of the monitoring report per GP practice (SearchIndex#PRACTICE_OF_PATIENT; patients without one are
 * counted under the empty key), as SQL on HAPI's index tables.
 */
@Component
class MonitoringSql implements MonitoringCounts {
	private static final String CS = nl.zorgpad.fhir.Codes.BASE;
	private static final String ICPC = nl.zorgpad.fhir.Codes.ICPC;

	/** Group by the practice (SearchIndex#PRACTICE_OF_PATIENT) of the patient whose RES_ID is {@code l.TARGET_RESOURCE_ID}. */
	private static final String PRACTICE = "LEFT JOIN (" + SearchIndex.PRACTICE_OF_PATIENT + """
			) g ON g.PID = l.TARGET_RESOURCE_ID
			LEFT JOIN HFJ_RESOURCE o ON o.RES_ID = g.ORG
			""";
	private static final String LISTED = """
			SELECT o.FHIR_ID AS PRACTICE, COUNT(*) AS N,
			SUM(CASE WHEN bd.SP_VALUE_LOW_DATE_ORDINAL <= :born75 THEN 1 ELSE 0 END) AS OLD
			FROM (SELECT p.RES_ID AS TARGET_RESOURCE_ID FROM HFJ_RESOURCE p
			WHERE p.RES_TYPE = 'Patient' AND p.RES_DELETED_AT IS NULL
			AND %s) l
			LEFT JOIN HFJ_SPIDX_DATE bd ON bd.RES_ID = l.TARGET_RESOURCE_ID AND bd.HASH_IDENTITY = :birthdate
			""" + PRACTICE;
	/** Patients with an episode (Condition with an ICPC code) that had started on {@code date}. */
	private static final String EPISODES = """
			SELECT o.FHIR_ID AS PRACTICE, COUNT(DISTINCT l.TARGET_RESOURCE_ID) AS N
			FROM HFJ_SPIDX_TOKEN c
			JOIN HFJ_RES_LINK l ON l.SRC_RESOURCE_ID = c.RES_ID AND l.SRC_PATH = 'Condition.subject'
			%s
			""" + PRACTICE + """
			WHERE c.HASH_SYS_AND_VALUE = :code
			AND COALESCE(
			(SELECT MIN(od.SP_VALUE_LOW_DATE_ORDINAL) FROM HFJ_SPIDX_DATE od WHERE od.RES_ID = c.RES_ID AND od.HASH_IDENTITY = :onset),
			(SELECT MIN(rd.SP_VALUE_LOW_DATE_ORDINAL) FROM HFJ_SPIDX_DATE rd WHERE rd.RES_ID = c.RES_ID AND rd.HASH_IDENTITY = :recorded),
			0) <= :date
			""";
	private static final String ACTIVE = "JOIN HFJ_SPIDX_TOKEN cs ON cs.RES_ID = c.RES_ID AND cs.HASH_VALUE = :activeEpisode";
	private static final String NOT_IN_ERROR = "AND NOT EXISTS (SELECT 1 FROM HFJ_SPIDX_TOKEN ve WHERE ve.RES_ID = c.RES_ID"
			+ " AND ve.HASH_VALUE = :enteredInError)";
	/** Patients whose current frailty status (SearchIndex#currentFrailtyEpisodes) on {@code date} is {@code :stage}. */
	private static final String STATUS = """
			SELECT o.FHIR_ID AS PRACTICE, COUNT(DISTINCT l.TARGET_RESOURCE_ID) AS N
			FROM (SELECT e.PID AS TARGET_RESOURCE_ID FROM (%s) e
			JOIN HFJ_SPIDX_TOKEN sg ON sg.RES_ID = e.RES_ID AND sg.HASH_SYS_AND_VALUE = :stage) l
			""" + PRACTICE + " WHERE 1 = 1";
	private static final String MDOS = """
			SELECT o.FHIR_ID AS PRACTICE, COUNT(DISTINCT l.SRC_RESOURCE_ID) AS N, COUNT(DISTINCT l.TARGET_RESOURCE_ID) AS PATIENTS
			FROM HFJ_SPIDX_TOKEN et
			JOIN HFJ_SPIDX_TOKEN es ON es.RES_ID = et.RES_ID AND es.HASH_VALUE = :finished
			JOIN HFJ_SPIDX_DATE ed ON ed.RES_ID = et.RES_ID AND ed.HASH_IDENTITY = :encounterDate
			JOIN HFJ_RES_LINK l ON l.SRC_RESOURCE_ID = et.RES_ID AND l.SRC_PATH = 'Encounter.subject'
			""" + PRACTICE + """
			WHERE et.HASH_SYS_AND_VALUE IN (:breedMdo, :mdoGzsp)
			AND ed.SP_VALUE_LOW_DATE_ORDINAL >= :periodStart AND ed.SP_VALUE_LOW_DATE_ORDINAL <= :date
			""";
	private static final String CARE_PLANS = """
			SELECT o.FHIR_ID AS PRACTICE, COUNT(DISTINCT l.TARGET_RESOURCE_ID) AS N
			FROM HFJ_SPIDX_TOKEN pc
			JOIN HFJ_SPIDX_TOKEN ps ON ps.RES_ID = pc.RES_ID AND ps.HASH_VALUE = :planActive
			JOIN HFJ_RES_LINK l ON l.SRC_RESOURCE_ID = pc.RES_ID AND l.SRC_PATH = 'CarePlan.subject'
			""" + PRACTICE + """
			WHERE pc.HASH_SYS_AND_VALUE = :gezondheidsplan
			""";

	private final SearchIndex index;
	private final Map<String, Long> hashes = new HashMap<>();

	MonitoringSql(SearchIndex index) {
		this.index = index;
		hashes.put("birthdate", index.parameter("Patient", "birthdate"));
		hashes.put("onset", index.parameter("Condition", "onset-date"));
		hashes.put("recorded", index.parameter("Condition", "recorded-date"));
		hashes.put("activeEpisode", index.tokenValue("Condition", "clinical-status", "active"));
		hashes.put("enteredInError", index.tokenValue("Condition", "verification-status", "entered-in-error"));
		hashes.put("finished", index.tokenValue("Encounter", "status", "finished"));
		hashes.put("encounterDate", index.parameter("Encounter", "date"));
		hashes.put("breedMdo", index.token("Encounter", "type", CS + "meeting-type", "breed-mdo"));
		hashes.put("mdoGzsp", index.token("Encounter", "type", CS + "meeting-type", "mdo-gzsp"));
		hashes.put("planActive", index.tokenValue("CarePlan", "status", "active"));
		hashes.put("gezondheidsplan", index.token("CarePlan", "category", CS + "careplan-category", "gezondheidsplan"));
	}

	@Override
	public Counts counts(ReportPeriod period, String practice) {
		MapSqlParameterSource parameters = new MapSqlParameterSource()
				.addValue("date", SearchIndex.ordinal(period.date()))
				.addValue("periodStart", SearchIndex.ordinal(period.start()))
				.addValue("born75", SearchIndex.ordinal(period.born75OnJanuaryFirst()))
				.addValue("practice", practice);
		String filter = practice == null ? "" : " AND o.FHIR_ID = :practice";
		String group = " GROUP BY o.FHIR_ID";

		Map<String, Long> listed = new HashMap<>();
		Map<String, Long> listed75 = new HashMap<>();
		String listedSql = LISTED.formatted(index.listed("p.RES_ID"))
				+ (practice == null ? "" : " WHERE o.FHIR_ID = :practice") + group;
		index.jdbc().query(sql(listedSql), parameters, row -> {
			listed.put(key(row.getString("PRACTICE")), row.getLong("N"));
			listed75.put(key(row.getString("PRACTICE")), row.getLong("OLD"));
		});
		Map<Measure, Map<String, Long>> measures = new java.util.EnumMap<>(Measure.class);
		measures.put(Measure.A49_01, episodes(ACTIVE, index.token("Condition", "code", ICPC, "A49.01"), null, parameters, filter));
		measures.put(Measure.A05, episodes(ACTIVE, index.token("Condition", "code", ICPC, "A05"), null, parameters, filter));
		for (Map.Entry<Measure, FrailtyStatus> status : Map.of(Measure.KWETSBAAR, FrailtyStatus.KWETSBAAR,
				Measure.COMPLEX_KWETSBAAR, FrailtyStatus.COMPLEX_KWETSBAAR).entrySet()) {
			measures.put(status.getKey(), perPractice(SearchIndex.inline(STATUS.formatted(index.currentFrailtyEpisodes())
					+ filter + group, Map.of("stage", index.token("Condition", "stage", CS + "frailty-status",
							status.getValue().code()))), parameters));
		}
		measures.put(Measure.A20, episodes("", index.token("Condition", "code", ICPC, "A20"), null, parameters,
				" " + NOT_IN_ERROR + filter));
		Map<String, Long> mdos = new HashMap<>();
		Map<String, Long> mdoPatients = new HashMap<>();
		index.jdbc().query(sql(MDOS + filter + group), parameters, row -> {
			mdos.put(key(row.getString("PRACTICE")), row.getLong("N"));
			mdoPatients.put(key(row.getString("PRACTICE")), row.getLong("PATIENTS"));
		});
		measures.put(Measure.MDOS_HELD, mdos);
		measures.put(Measure.PATIENTS_WITH_MDO, mdoPatients);
		measures.put(Measure.PATIENTS_WITH_CARE_PLAN, perPractice(CARE_PLANS + filter + group, parameters));
		return new Counts(listed, listed75, measures);
	}

	private Map<String, Long> episodes(String joins, long code, Long stage, MapSqlParameterSource parameters,
			String filter) {
		Map<String, Long> these = new HashMap<>(Map.of("code", code));
		if (stage != null) {
			these.put("stage", stage);
		}
		return perPractice(SearchIndex.inline(EPISODES.formatted(joins) + filter + " GROUP BY o.FHIR_ID", these),
				parameters);
	}

	private Map<String, Long> perPractice(String sql, MapSqlParameterSource parameters) {
		Map<String, Long> counts = new HashMap<>();
		index.jdbc().query(sql(sql), parameters, row -> {
			counts.put(key(row.getString("PRACTICE")), row.getLong("N"));
		});
		return counts;
	}

	/** The SQL with our hashes written in as literals. */
	private String sql(String template) {
		return SearchIndex.inline(template, hashes);
	}

	private static String key(String practice) {
		return practice == null ? "" : practice;
	}
}
