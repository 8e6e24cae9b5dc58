package nl.zorgpad.server;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
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

	public SearchIndex(DataSource dataSource, PartitionSettings partitions) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		this.partitions = partitions;
		this.listed = "NOT EXISTS (SELECT 1 FROM HFJ_SPIDX_TOKEN x WHERE x.RES_ID = %s AND x.HASH_VALUE IN ("
				+ tokenValue("Patient", "active", "false") + ", " + tokenValue("Patient", "deceased", "true") + "))";
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
	 * SQL condition: the patient whose {@code HFJ_RESOURCE.RES_ID} is in {@code patientColumn} is listed
	 * at the practice (Patient.generalPractitioner) whose Organization id is bound to {@code :practice}.
	 */
	public static String atPractice(String patientColumn) {
		return " AND EXISTS (SELECT 1 FROM HFJ_RES_LINK g JOIN HFJ_RESOURCE o ON o.RES_ID = g.TARGET_RESOURCE_ID"
				+ " WHERE g.SRC_RESOURCE_ID = " + patientColumn + " AND g.SRC_PATH = 'Patient.generalPractitioner'"
				+ " AND o.RES_TYPE = 'Organization' AND o.FHIR_ID = :practice)\n";
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

	/** Slices of at most 1,000 ids, for {@code IN (:ids)} lists. */
	public static <T> List<List<T>> chunks(List<T> all) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += 1000) {
			chunks.add(all.subList(from, Math.min(all.size(), from + 1000)));
		}
		return chunks;
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
