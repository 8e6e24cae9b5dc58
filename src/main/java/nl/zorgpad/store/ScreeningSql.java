package nl.zorgpad.store;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.zorgpad.screening.ScreeningCriteria;
import nl.zorgpad.screening.ScreeningPopulation;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The screening list as SQL on HAPI's index tables (birth date, condition code and clinical status,
 * medication status, encounter date, resource links), using only indexed hash columns. First the
 * ordered candidates (ids and birth dates only), then the columns for the rows actually shown.
 */
@Component
class ScreeningSql implements ScreeningPopulation {
	private static final String CANDIDATES = """
			SELECT p.RES_ID, p.FHIR_ID, bd.SP_VALUE_LOW_DATE_ORDINAL AS BIRTH
			FROM HFJ_RESOURCE p
			JOIN HFJ_SPIDX_DATE bd ON bd.RES_ID = p.RES_ID AND bd.HASH_IDENTITY = :birthdate
			WHERE p.RES_TYPE = 'Patient' AND p.RES_DELETED_AT IS NULL
			AND bd.SP_VALUE_LOW_DATE_ORDINAL <= :bornBy
			AND %s
			AND NOT EXISTS (SELECT 1 FROM HFJ_RES_LINK l
			JOIN HFJ_SPIDX_TOKEN c ON c.RES_ID = l.SRC_RESOURCE_ID AND c.HASH_SYS_AND_VALUE = :a05
			JOIN HFJ_SPIDX_TOKEN s ON s.RES_ID = l.SRC_RESOURCE_ID AND s.HASH_VALUE = :activeEpisode
			WHERE l.TARGET_RESOURCE_ID = p.RES_ID AND l.SRC_PATH = 'Condition.subject')
			""";
	private static final String ACTIVE_MEDICATIONS = """
			FROM HFJ_RES_LINK m
			JOIN HFJ_SPIDX_TOKEN ms ON ms.RES_ID = m.SRC_RESOURCE_ID AND ms.HASH_VALUE IN (:statementActive, :requestActive)
			WHERE m.SRC_PATH IN ('MedicationStatement.subject', 'MedicationRequest.subject')
			""";
	/** Ordinary contacts: Encounters that are not pathway meetings and did take place. */
	private static final String CONTACTS = """
			FROM HFJ_RES_LINK e
			JOIN HFJ_SPIDX_DATE ed ON ed.RES_ID = e.SRC_RESOURCE_ID AND ed.HASH_IDENTITY = :encounterDate
			WHERE e.SRC_PATH = 'Encounter.subject' AND ed.SP_VALUE_LOW_DATE_ORDINAL <= :date
			AND NOT EXISTS (SELECT 1 FROM HFJ_SPIDX_TOKEN et WHERE et.RES_ID = e.SRC_RESOURCE_ID
			AND (et.HASH_SYS = :meetingType OR et.HASH_VALUE IN (:planned, :cancelled, :enteredInError)))
			""";
	private static final String ORDER = "ORDER BY bd.SP_VALUE_LOW_DATE_ORDINAL, p.RES_ID";

	private static final String MEDICATION_COUNTS = "SELECT m.TARGET_RESOURCE_ID AS PID, COUNT(DISTINCT m.SRC_RESOURCE_ID) AS N "
			+ ACTIVE_MEDICATIONS + " GROUP BY m.TARGET_RESOURCE_ID";
	private static final String LAST_CONTACTS = "SELECT e.TARGET_RESOURCE_ID AS PID, MAX(ed.SP_VALUE_LOW_DATE_ORDINAL) AS LAST "
			+ CONTACTS + " GROUP BY e.TARGET_RESOURCE_ID";
	private static final String PAGE_COLUMNS = "SELECT p.RES_ID AS PID, (SELECT COUNT(DISTINCT m.SRC_RESOURCE_ID) "
			+ ACTIVE_MEDICATIONS + " AND m.TARGET_RESOURCE_ID = p.RES_ID) AS N, (SELECT MAX(ed.SP_VALUE_LOW_DATE_ORDINAL) "
			+ CONTACTS + " AND e.TARGET_RESOURCE_ID = p.RES_ID) AS LAST FROM HFJ_RESOURCE p WHERE p.RES_ID IN (:pids)";
	private static final String TEXTS = """
			SELECT r.RES_ID, r.FHIR_ID, v.RES_ENCODING, v.RES_TEXT_VC FROM HFJ_RESOURCE r
			JOIN HFJ_RES_VER v ON v.RES_ID = r.RES_ID AND v.RES_VER = r.RES_VER
			WHERE r.RES_ID IN (:pids)
			""";

	private final SearchIndex index;
	private final Map<String, Long> hashes = new HashMap<>();

	private final StoredResources store;
	private final FhirContext context;

	ScreeningSql(SearchIndex index, StoredResources store, FhirContext context) {
		this.index = index;
		this.store = store;
		this.context = context;
		hashes.put("birthdate", index.parameter("Patient", "birthdate"));
		hashes.put("a05", index.token("Condition", "code", "http://hl7.org/fhir/sid/icpc-1-nl", "A05"));
		hashes.put("activeEpisode", index.tokenValue("Condition", "clinical-status", "active"));
		hashes.put("statementActive", index.tokenValue("MedicationStatement", "status", "active"));
		hashes.put("requestActive", index.tokenValue("MedicationRequest", "status", "active"));
		hashes.put("encounterDate", index.parameter("Encounter", "date"));
		hashes.put("meetingType", index.tokenSystem("Encounter", "type",
						"https://zorgpad.nl/fhir/CodeSystem/meeting-type"));
		hashes.put("planned", index.tokenValue("Encounter", "status", "planned"));
		hashes.put("cancelled", index.tokenValue("Encounter", "status", "cancelled"));
		hashes.put("enteredInError", index.tokenValue("Encounter", "status", "entered-in-error"));
	}

	/**
	 * Everyone on the list, oldest first. Age, A05 and practice are filtered in SQL; the medication and
	 * contact filters on two population-wide aggregates (correlated subqueries in the WHERE clause were
	 * fine on PostgreSQL but took seconds on H2 for a thousand patients) — the caller's {@code totals}
	 * when it has them, else only those the filters need.
	 */
	@Override
	public List<Candidate> candidates(ScreeningCriteria criteria, Totals totals) {
		StringBuilder sql = new StringBuilder(CANDIDATES.formatted(index.listed("p.RES_ID")));
		MapSqlParameterSource parameters = parameters()
				.addValue("bornBy", SearchIndex.ordinal(criteria.bornOnOrBefore()));
		if (criteria.practice() != null) {
			sql.append(SearchIndex.atPractice("p.RES_ID"));
			parameters.addValue("practice", criteria.practice());
		}
		sql.append(ORDER);
		List<Candidate> candidates = index.jdbc().query(sql(sql.toString()), parameters, (row, n) -> new Candidate(
				row.getLong("RES_ID"), row.getString("FHIR_ID"), SearchIndex.day(row.getInt("BIRTH"))));
		if (criteria.minMedications() == null && criteria.notSeenMonths() == null) {
			return candidates;
		}
		Map<Long, Integer> medications = totals != null ? totals.medications()
				: criteria.minMedications() == null ? Map.of() : medications();
		Map<Long, LocalDate> contacts = totals != null ? totals.lastContacts()
				: criteria.notSeenMonths() == null ? Map.of() : lastContacts(criteria.date());
		return candidates.stream()
				.filter(c -> criteria.keeps(medications.getOrDefault(c.pid(), 0), contacts.get(c.pid())))
				.toList();
	}

	/**
	 * Active medications and the last ordinary contact on or before {@code date}, for the patients of
	 * one page: correlated lookups per patient, which both databases answer from the link index.
	 */
	@Override
	public Map<Long, Columns> columns(Collection<Long> pids, LocalDate date) {
		Map<Long, Columns> columns = new HashMap<>();
		if (!pids.isEmpty()) {
			index.jdbc().query(sql(PAGE_COLUMNS),
					parameters().addValue("pids", pids).addValue("date", SearchIndex.ordinal(date)), row -> {
						Object last = row.getObject("LAST");
						columns.put(row.getLong("PID"), new Columns(row.getInt("N"),
								last == null ? null : SearchIndex.day(((Number) last).intValue())));
					});
		}
		return columns;
	}

	/** Active medications and last ordinary contact on or before {@code date}, for everyone. */
	@Override
	public Totals totals(LocalDate date) {
		return new Totals(medications(), lastContacts(date));
	}

	/** Active medications per patient, for everyone (patients without any are left out). */
	private Map<Long, Integer> medications() {
		Map<Long, Integer> counts = new HashMap<>();
		index.jdbc().query(sql(MEDICATION_COUNTS), parameters(), row -> {
			counts.put(row.getLong("PID"), row.getInt("N"));
		});
		return counts;
	}

	/** The day of the last ordinary contact on or before {@code date} per patient, for everyone (never seen: left out). */
	private Map<Long, LocalDate> lastContacts(LocalDate date) {
		Map<Long, LocalDate> last = new HashMap<>();
		index.jdbc().query(sql(LAST_CONTACTS), parameters().addValue("date", SearchIndex.ordinal(date)), row -> {
			last.put(row.getLong("PID"), SearchIndex.day(row.getInt("LAST")));
		});
		return last;
	}

	/** The stored JSON of these patients. */
	@Override
	public Map<Long, String> texts(Collection<Long> pids) {
		Map<Long, String> texts = new HashMap<>();
		if (!pids.isEmpty()) {
			Map<String, Long> notInline = new HashMap<>();
			index.jdbc().query(sql(TEXTS), new MapSqlParameterSource("pids", pids), row -> {
				if (row.getString("RES_TEXT_VC") != null && "JSON".equals(row.getString("RES_ENCODING"))) {
					texts.put(row.getLong("RES_ID"), row.getString("RES_TEXT_VC"));
				} else {
					notInline.put(row.getString("FHIR_ID"), row.getLong("RES_ID"));
				}
			});
			store.byIds(Patient.class, notInline.keySet()).forEach(patient -> texts.put(
					notInline.get(patient.getIdElement().getIdPart()), context.newJsonParser().encodeResourceToString(patient)));
		}
		return texts;
	}

	private MapSqlParameterSource parameters() {
		return new MapSqlParameterSource();
	}

	/** The SQL with our hashes written in as literals. */
	private String sql(String template) {
		return SearchIndex.inline(template, hashes);
	}

}
