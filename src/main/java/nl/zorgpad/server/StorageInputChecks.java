package nl.zorgpad.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Input that HAPI would store wrongly or fail on, refused on the storage pointcuts so every write path
 * (REST, conditional, transaction and batch entries) is covered: {@link BinaryContentType},
 * {@link ValuelessElements}.
 */
final class StorageInputChecks {

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		check(resource);
	}

	private static void check(IBaseResource resource) {
		BinaryContentType.check(resource);
		ValuelessElements.check(resource);
	}
}
