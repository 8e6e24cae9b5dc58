package nl.zorgpad.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;

/**
 * Two places where a primitive that carries only extensions (legal FHIR: {@code "start": null,
 * "_start": {"extension": [data-absent-reason]}}) makes HAPI JPA 8.8 fail with a NullPointerException while
 * storing: the bounds of a {@code Timing.repeat.boundsPeriod} (the date indexer) and the {@code data} of a
 * contained Binary (the JSON encoder). Such a resource is refused with 422 naming the element, on every write
 * path, instead of a 500. Every other value-less primitive is stored as sent.
 */
final class ValuelessElements {
	private static final FhirContext R4 = FhirContext.forR4Cached();

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		check(resource);
	}

	private static void check(IBaseResource resource) {
		unstorable(resource).ifPresent(element -> {
			throw new UnprocessableEntityException(element + " carries extensions but no value; this server cannot"
					+ " store it there: send the value, or leave the element out");
		});
	}

	/** The first element of the resource that HAPI cannot store without its value, if any. */
	static Optional<String> unstorable(IBaseResource resource) {
		if (!(resource instanceof DomainResource domain)) {
			return Optional.empty();
		}
		for (Resource contained : domain.getContained()) {
			if (contained instanceof Binary binary && valueless(binary.getDataElement())) {
				return Optional.of("contained Binary.data");
			}
		}
		for (Timing timing : R4.newTerser().getAllPopulatedChildElementsOfType(resource, Timing.class)) {
			if (timing.hasRepeat() && timing.getRepeat().hasBoundsPeriod()) {
				Period bounds = timing.getRepeat().getBoundsPeriod();
				if (valueless(bounds.getStartElement()) || valueless(bounds.getEndElement())) {
					return Optional.of("Timing.repeat.boundsPeriod." + (valueless(bounds.getStartElement()) ? "start" : "end"));
				}
			}
		}
		return Optional.empty();
	}

	private static boolean valueless(PrimitiveType<?> element) {
		return element != null && element.getValue() == null && element.hasExtension();
	}
}
