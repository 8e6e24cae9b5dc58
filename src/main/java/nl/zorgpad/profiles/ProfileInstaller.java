package nl.zorgpad.profiles;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
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

	private final IFhirSystemDao<Bundle, Meta> system;
	private final List<Resource> conformanceResources;
	private final Profiles profiles;

	ProfileInstaller(IFhirSystemDao<Bundle, Meta> system, List<Resource> conformanceResources, Profiles profiles) {
		this.system = system;
		this.conformanceResources = conformanceResources;
		this.profiles = profiles;
	}

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		// Code systems, value sets, Questionnaires first: they need no snapshots, so they go in while
		// the profiles' snapshots are still being generated in the background.
		int installed = install(conformanceResources.stream().filter(r -> !(r instanceof StructureDefinition)).toList());
		installed += install(List.copyOf(profiles.validator().profiles()));
		log.info("Zorgpad package installed: {} conformance resources in {} ms",
				installed, (System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * One transaction of PUTs by id. Replicas starting together on an empty database install the same package at
	 * once, and HAPI refuses the second transaction that creates the same ids; tried again, it finds them there.
	 */
	private int install(List<? extends Resource> resources) {
		try {
			system.transaction(new SystemRequestDetails(), putsOf(resources));
		} catch (ResourceVersionConflictException installedByAnother) {
			log.info("the package was being installed by another instance starting at the same time; installing again");
			system.transaction(new SystemRequestDetails(), putsOf(resources));
		}
		return resources.size();
	}

	private static Bundle putsOf(List<? extends Resource> resources) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Resource resource : resources) {
			transaction.addEntry().setResource(resource.copy()).getRequest().setMethod(Bundle.HTTPVerb.PUT)
					.setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
		}
		return transaction;
	}
}
