package nl.zorgpad.profiles;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Installs the package's conformance resources (StructureDefinitions with generated snapshots, CodeSystems,
 * ValueSets, NamingSystems, Questionnaires) into the server at start-up, under their own ids, so clients can
 * read them over REST. Idempotent: an unchanged resource is not versioned again.
 */
final class ProfileInstaller implements ApplicationRunner {
	private static final Logger log = LoggerFactory.getLogger(ProfileInstaller.class);

	private final DaoRegistry daos;
	private final List<Resource> conformanceResources;
	private final Profiles profiles;

	ProfileInstaller(DaoRegistry daos, List<Resource> conformanceResources, Profiles profiles) {
		this.daos = daos;
		this.conformanceResources = conformanceResources;
		this.profiles = profiles;
	}

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		// Code systems, value sets, Questionnaires first: they need no snapshots, so they go in while
		// the profiles' snapshots are still being generated in the background.
		List<Resource> resources = new ArrayList<>();
		conformanceResources.stream().filter(r -> !(r instanceof StructureDefinition)).forEach(resources::add);
		int changed = install(resources);
		List<StructureDefinition> withSnapshots = List.copyOf(profiles.validator().profiles());
		changed += install(withSnapshots);
		log.info("Zorgpad package installed: {} conformance resources ({} new or changed) in {} ms",
				resources.size() + withSnapshots.size(), changed, (System.nanoTime() - start) / 1_000_000);
	}

	private int install(List<? extends Resource> resources) {
		int changed = 0;
		for (Resource resource : resources) {
			@SuppressWarnings("unchecked")
			IFhirResourceDao<Resource> dao = (IFhirResourceDao<Resource>) daos.getResourceDao(resource.fhirType());
			DaoMethodOutcome outcome = dao.update(resource.copy(), new SystemRequestDetails());
			if (!outcome.isNop()) {
				changed++;
			}
		}
		return changed;
	}
}
