package nl.zorgpad.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import nl.zorgpad.fhir.ResourceStore;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the current version of resources straight from HAPI's tables with one indexed query —
 * "everything of type X that points at this patient" or "these ids" — instead of HAPI's generic
 * search pipeline, which costs a few milliseconds per search. Runs on the connection of the current
 * transaction (Spring binds it for JDBC too), so it sees what the surrounding write sees. Resources
 * whose text is not stored inline as JSON are read through the DAO.
 */
@Component
public class StoredResources implements ResourceStore {
	private static final String CURRENT = """
			SELECT r.RES_ID, r.FHIR_ID, r.RES_VER, r.RES_UPDATED, v.RES_ENCODING, v.RES_TEXT_VC
			FROM HFJ_RESOURCE r
			JOIN HFJ_RES_VER v ON v.RES_ID = r.RES_ID AND v.RES_VER = r.RES_VER
			""";
	private static final String ABOUT = CURRENT + """
			WHERE r.RES_ID IN (
			SELECT l.SRC_RESOURCE_ID FROM HFJ_RES_LINK l
			JOIN HFJ_RESOURCE p ON p.RES_ID = l.TARGET_RESOURCE_ID
			WHERE p.RES_TYPE = 'Patient' AND p.FHIR_ID = :patient AND l.SRC_PATH = :path)
			AND r.RES_TYPE = :type AND r.RES_DELETED_AT IS NULL
			""";
	private static final String BY_ID = CURRENT + """
			WHERE r.RES_TYPE = :type AND r.FHIR_ID IN (:ids) AND r.RES_DELETED_AT IS NULL
			""";

	private static final String LOCK_PATIENT =
			"SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = 'Patient' AND FHIR_ID = :id FOR UPDATE";

	private static final String LAST_CHANGE =
			"SELECT MAX(RES_UPDATED) FROM HFJ_RESOURCE WHERE RES_TYPE = :type";

	private final NamedParameterJdbcTemplate jdbc;
	private final FhirContext context;
	private final DaoRegistry daos;

	public StoredResources(DataSource dataSource, FhirContext context, DaoRegistry daos) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		this.context = context;
		this.daos = daos;
	}

	/**
	 * The resources of {@code type} whose element {@code element} (a search parameter path such as
	 * {@code subject} or {@code patient}) references the patient with id {@code patientId}.
	 */
	@Override
	public <T extends Resource> List<T> about(String patientId, Class<T> type, String element) {
		String name = context.getResourceType(type);
		return query(ABOUT, Map.of("patient", patientId, "path", name + "." + element, "type", name), type);
	}

	/**
	 * Serialises the writes about one patient: locks the patient's row in {@code HFJ_RESOURCE} until the
	 * surrounding transaction ends ({@code SELECT … FOR UPDATE}, on H2 and PostgreSQL, across replicas on one
	 * database). A rule that reads the patient's other resources and then allows a write must hold it, or two
	 * concurrent writes could each be allowed where one after the other would not (write skew).
	 */
	@Override
	public void lockPatient(String patientId) {
		jdbc.query(LOCK_PATIENT, Map.of("id", patientId), (ResultSet row) -> {});
	}

	/**
	 * When a resource of this type was last written (created, updated or deleted) by any server on this
	 * database — a cheap stamp for caches that must stay coherent across replicas.
	 */
	@Override
	public Object lastChange(String type) {
		Object stamp = jdbc.queryForObject(LAST_CHANGE, Map.of("type", type), Object.class);
		return stamp == null ? "never" : stamp;
	}

	/** The resources of {@code type} with these ids (unknown and deleted ones are left out). */
	@Override
	public <T extends Resource> List<T> byIds(Class<T> type, Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<T> found = new ArrayList<>();
		for (List<String> chunk : ResourceStore.chunks(List.copyOf(Set.copyOf(ids)))) {
			found.addAll(query(BY_ID, Map.of("type", context.getResourceType(type), "ids", chunk), type));
		}
		return found;
	}

	private <T extends Resource> List<T> query(String sql, Map<String, ?> parameters, Class<T> type) {
		IParser parser = context.newJsonParser();
		List<T> resources = new ArrayList<>();
		jdbc.query(sql, parameters, (ResultSet row) -> {
			parse(row, parser, type).ifPresent(resources::add);
		});
		return resources;
	}

	private <T extends Resource> Optional<T> parse(ResultSet row, IParser parser, Class<T> type) throws SQLException {
		String id = row.getString("FHIR_ID");
		String text = row.getString("RES_TEXT_VC");
		if (text == null || !"JSON".equals(row.getString("RES_ENCODING"))) {
			return read(type, id);
		}
		T resource = parser.parseResource(type, text);
		String version = Long.toString(row.getLong("RES_VER"));
		resource.setId(new IdType(context.getResourceType(type), id, version));
		resource.getMeta().setVersionId(version);
		resource.getMeta().setLastUpdated(row.getTimestamp("RES_UPDATED"));
		return Optional.of(resource);
	}

	private <T extends Resource> Optional<T> read(Class<T> type, String id) {
		try {
			return Optional.of(daos.getResourceDao(type).read(new IdType(context.getResourceType(type), id),
					new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException gone) {
			return Optional.empty();
		}
	}
}
