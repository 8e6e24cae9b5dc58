package nl.zorgpad.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts every write that may change a care relation ({@link RelationSource#TYPES}), once per transaction and
 * in it, on every write path (storage pointcuts: REST, transactions, operations, the server's own writes).
 * {@link CareRelations} keeps a professional's relation while that count stays the same, so a relation
 * changed on any replica is worked out again by the next request that needs it.
 */
final class RelationChanges {
	private final RelationSource facts;

	RelationChanges(RelationSource facts) {
		this.facts = facts;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		count(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource oldResource, IBaseResource newResource) {
		count(newResource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		count(resource);
	}

	private void count(IBaseResource resource) {
		if (!RelationSource.TYPES.contains(resource.fhirType())) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			facts.countChange();
			return;
		}
		if (TransactionSynchronizationManager.getSynchronizations().stream().noneMatch(CountAtCommit.class::isInstance)) {
			TransactionSynchronizationManager.registerSynchronization(new CountAtCommit());
		}
	}

	/** One count per transaction (a transaction's synchronizations are its own: a nested one has others). */
	private final class CountAtCommit implements TransactionSynchronization {
		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE; // after every other synchronization has written
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			facts.countChange();
		}
	}
}
