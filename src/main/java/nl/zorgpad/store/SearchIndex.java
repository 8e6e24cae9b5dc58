package nl.zorgpad.store;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;
import nl.zorgpad.fhir.Codes;
import nl.zorgpad.frailty.FrailtyFacts;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the population operations need to query HAPI's search index tables directly: the hashes
 * HAPI stores for (resource type, parameter[, system][, value]) — the indexed columns — and date
 * ordinals ({@code yyyymmdd}, as in {@code SP_VALUE_LOW_DATE_ORDINAL}). The SQL itself lives with each
 * operation; it uses only columns HAPI indexes, on H2 and PostgreSQL alike.
 */
@Component
public class SearchIndex {
	private final NamedParameterJdbcTemplate jdbc;
	private final PartitionSettings partitions;
	private final String listed;
	private final String currentFrailtyEpisodes;

	public SearchIndex(DataSource dataSource, PartitionSettings partitions) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		this.partitions = partitions;
		this.listed = "NOT EXISTS (SELECT 1 FROM HFJ_SPIDX_TOKEN x WHERE x.RES_ID = %s AND x.HASH_VALUE IN ("
				+ tokenValue("Patient", "active", "false") + ", " + tokenValue("Patient", "deceased", "true") + "))";
		this.currentFrailtyEpisodes = inline("""
				SELECT RES_ID, PID, RECORDED FROM (SELECT c.RES_ID, l.TARGET_RESOURCE_ID AS PID,
				rd.SP_VALUE_LOW_DATE_ORDINAL AS RECORDED,
				ROW_NUMBER() OVER (PARTITION BY l.TARGET_RESOURCE_ID
					ORDER BY COALESCE(rd.SP_VALUE_LOW, r.RES_UPDATED) DESC, c.RES_ID DESC) AS N
				FROM HFJ_SPIDX_TOKEN c
				JOIN HFJ_RESOURCE r ON r.RES_ID = c.RES_ID AND r.RES_DELETED_AT IS NULL
				JOIN HFJ_SPIDX_TOKEN cs ON cs.RES_ID = c.RES_ID AND cs.HASH_VALUE = :active
				JOIN HFJ_RES_LINK l ON l.SRC_RESOURCE_ID = c.RES_ID AND l.SRC_PATH = 'Condition.subject'
				LEFT JOIN HFJ_SPIDX_DATE rd ON rd.RES_ID = c.RES_ID AND rd.HASH_IDENTITY = :recorded
				WHERE c.HASH_SYS_AND_VALUE IN (:signalled, :frail)
				AND COALESCE(rd.SP_VALUE_LOW_DATE_ORDINAL, 0) <= :date) episodes WHERE N = 1
				""", Map.of("active", tokenValue("Condition", "clinical-status", "active"),
				"recorded", parameter("Condition", "recorded-date"),
				"signalled", token("Condition", "code", Codes.ICPC, FrailtyFacts.SIGNALLED),
				"frail", token("Condition", "code", Codes.ICPC, FrailtyFacts.FRAIL)));
	}

	public NamedParameterJdbcTemplate jdbc() {
		return jdbc;
	}

	/** {@code HASH_IDENTITY} of a search parameter (date and token tables). */
	public long parameter(String resourceType, String parameter) {
		return BaseResourceIndexedSearchParam.calculateHashIdentity(
				partitions, RequestPartitionId.defaultPartition(), resourceType, parameter);
	}

	/** {@code HASH_SYS_AND_VALUE} of a token. */
	public long token(String resourceType, String parameter, String system, String value) {
		return ResourceIndexedSearchParamToken.calculateHashSystemAndValue(
				partitions, RequestPartitionId.defaultPartition(), resourceType, parameter, system, value);
	}

	/** {@code HASH_VALUE} of a token, whatever its system (status codes carry an implied system). */
	public long tokenValue(String resourceType, String parameter, String value) {
		return ResourceIndexedSearchParamToken.calculateHashValue(
				partitions, RequestPartitionId.defaultPartition(), resourceType, parameter, value);
	}

	/** {@code HASH_SYS} of a token system. */
	public long tokenSystem(String resourceType, String parameter, String system) {
		return ResourceIndexedSearchParamToken.calculateHashSystem(
				partitions, RequestPartitionId.defaultPartition(), resourceType, parameter, system);
	}

	/**
	 * SQL condition: the patient whose {@code HFJ_RESOURCE.RES_ID} is in {@code patientColumn} is still
	 * on the practice's list — not marked inactive, not deceased.
	 */
	public String listed(String patientColumn) {
		return listed.formatted(patientColumn);
	}

	/**
	 * SQL rows {@code (PID, ORG)}: the practices a patient is listed at. One definition for every place a practice
	 * is derived (worklists, screening, the report; CareRelations follows the same three paths): the
	 * Organization that Patient.generalPractitioner names, the organization of the PractitionerRole it names, or
	 * the organization of any role of the Practitioner it names.
	 */
	public static final String PRACTICES_OF_PATIENTS = """
			SELECT g.SRC_RESOURCE_ID AS PID, g.TARGET_RESOURCE_ID AS ORG, 1 AS RANK FROM HFJ_RES_LINK g
			WHERE g.SRC_PATH = 'Patient.generalPractitioner' AND g.TARGET_RESOURCE_TYPE = 'Organization'
			UNION ALL
			SELECT g.SRC_RESOURCE_ID, ro.TARGET_RESOURCE_ID, 2 FROM HFJ_RES_LINK g
			JOIN HFJ_RES_LINK ro ON ro.SRC_RESOURCE_ID = g.TARGET_RESOURCE_ID AND ro.SRC_PATH = 'PractitionerRole.organization'
			WHERE g.SRC_PATH = 'Patient.generalPractitioner' AND g.TARGET_RESOURCE_TYPE = 'PractitionerRole'
			UNION ALL
			SELECT g.SRC_RESOURCE_ID, ro.TARGET_RESOURCE_ID, 3 FROM HFJ_RES_LINK g
			JOIN HFJ_RES_LINK rp ON rp.TARGET_RESOURCE_ID = g.TARGET_RESOURCE_ID AND rp.SRC_PATH = 'PractitionerRole.practitioner'
			JOIN HFJ_RES_LINK ro ON ro.SRC_RESOURCE_ID = rp.SRC_RESOURCE_ID AND ro.SRC_PATH = 'PractitionerRole.organization'
			WHERE g.SRC_PATH = 'Patient.generalPractitioner' AND g.TARGET_RESOURCE_TYPE = 'Practitioner'
			""";

	/**
	 * SQL rows {@code (PID, ORG)}: the one practice a patient is counted under in the report — the Organization
	 * named directly, else through a PractitionerRole, else through a Practitioner; the lowest id on a tie.
	 */
	public static final String PRACTICE_OF_PATIENT = """
			SELECT PID, ORG FROM (SELECT pp.PID, pp.ORG,
			ROW_NUMBER() OVER (PARTITION BY pp.PID ORDER BY pp.RANK, pp.ORG) AS N FROM (
			""" + PRACTICES_OF_PATIENTS + """
			) pp) ranked WHERE N = 1
			""";

	/**
	 * SQL condition: the patient whose {@code HFJ_RESOURCE.RES_ID} is in {@code patientColumn} is listed at the
	 * practice whose Organization id is bound to {@code :practice} (see {@link #PRACTICES_OF_PATIENTS}).
	 */
	public static String atPractice(String patientColumn) {
		return " AND EXISTS (SELECT 1 FROM (" + PRACTICES_OF_PATIENTS + ") pp JOIN HFJ_RESOURCE o ON o.RES_ID = pp.ORG"
				+ " WHERE pp.PID = " + patientColumn + " AND o.FHIR_ID = :practice)\n";
	}

	/**
	 * SQL rows {@code (RES_ID, PID, RECORDED)}: each patient's current frailty episode as of {@code :date} — the
	 * latest (by recorded date, else last update) active Condition coded ICPC A49.01 or A05 recorded on or before
	 * that day. The same definition as {@code FrailtyFacts.currentEpisode}, for the worklists and the report.
	 */
	public String currentFrailtyEpisodes() {
		return currentFrailtyEpisodes;
	}

	/**
	 * Writes the hashes into the SQL as literals ({@code :name} → the number). They are constants we
	 * compute, not user input; as literals PostgreSQL plans with their real selectivity, also once the
	 * JDBC driver switches to a server-side prepared statement with a generic plan (after five runs),
	 * which with bound hashes turned a 0.1 s query into seconds.
	 */
	public static String inline(String sql, Map<String, Long> hashes) {
		String inlined = sql;
		for (Map.Entry<String, Long> hash : hashes.entrySet()) {
			inlined = inlined.replaceAll(":" + hash.getKey() + "\\b", Long.toString(hash.getValue()));
		}
		return inlined;
	}

	/** A day as HAPI's date ordinal ({@code 2026-11-23} → {@code 20261123}). */
	public static int ordinal(LocalDate day) {
		return day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
	}

	/** The day of a date ordinal. */
	public static LocalDate day(int ordinal) {
		return LocalDate.of(ordinal / 10_000, ordinal / 100 % 100, ordinal % 100);
	}
}
