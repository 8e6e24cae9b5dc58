package nl.zorgpad.server;

import ca.uhn.fhir.jpa.cache.ResourceTypeCacheSvcImpl;
import ca.uhn.fhir.jpa.dao.data.IResourceTypeDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's table of resource types ({@code HFJ_RESOURCE_TYPE}), which HAPI fills at start-up when it is empty —
 * without a lock, so of two replicas starting together on an empty database one inserts the same rows a moment
 * after the other and fails to start. Here the loser reads the rows the winner wrote instead.
 */
class ResourceTypeTable extends ResourceTypeCacheSvcImpl {
	private static final Logger log = LoggerFactory.getLogger(ResourceTypeTable.class);

	ResourceTypeTable(IHapiTransactionService transactions, IResourceTypeDao types, MemoryCacheService cache) {
		super(transactions, types, cache);
	}

	@Override
	protected void initResourceTypes() {
		try {
			super.initResourceTypes();
		} catch (RuntimeException filledByAnother) {
			log.info("resource types were written by another instance starting at the same time ({}); reading them",
					filledByAnother.getMessage());
			super.initResourceTypes(); // the table is no longer empty: this only reads it
		}
	}
}
