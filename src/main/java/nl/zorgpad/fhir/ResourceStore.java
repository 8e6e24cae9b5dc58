package nl.zorgpad.fhir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * The stored resources as the rules and operations read them: the port; {@code store/StoredResources} reads
 * HAPI's tables behind it.
 */
public interface ResourceStore {

	/**
	 * The current resources of {@code type} whose element {@code element} (a search parameter path such as
	 * {@code subject} or {@code patient}) references the patient with id {@code patientId}.
	 */
	<T extends Resource> List<T> about(String patientId, Class<T> type, String element);

	/** The current resources of {@code type} with these ids (unknown and deleted ones are left out). */
	<T extends Resource> List<T> byIds(Class<T> type, Collection<String> ids);

	/**
	 * Serialises the writes about one patient until the surrounding transaction ends, across replicas on one
	 * database: a rule that reads the patient's other resources and then allows a write must hold it.
	 */
	void lockPatient(String patientId);

	/** A stamp that changes whenever a resource of this type is written, by any server on the database. */
	Object lastChange(String type);

	/** Slices of at most 1,000: the largest id list one read takes (and the unit a CSV is written in). */
	static <T> List<List<T>> chunks(List<T> all) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += 1000) {
			chunks.add(all.subList(from, Math.min(all.size(), from + 1000)));
		}
		return chunks;
	}
}
