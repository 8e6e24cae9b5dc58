package nl.zorgpad.pathway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import nl.zorgpad.fhir.ResourceStore;
import org.hl7.fhir.r4.model.Resource;

/** One patient's stored resources, in memory, for rule tests without a database; remembers the locks taken. */
final class InMemoryStore implements ResourceStore {
	private final List<Resource> resources = new ArrayList<>();
	final List<String> locked = new ArrayList<>();

	void add(Resource resource) {
		resources.add(resource);
	}

	@Override
	public <T extends Resource> List<T> about(String patientId, Class<T> type, String element) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	@Override
	public <T extends Resource> List<T> byIds(Class<T> type, Collection<String> ids) {
		return about(null, type, null).stream().filter(r -> ids.contains(r.getIdElement().getIdPart())).toList();
	}

	@Override
	public void lockPatient(String patientId) {
		locked.add(patientId);
	}

	@Override
	public Object lastChange(String type) {
		return 0;
	}
}
