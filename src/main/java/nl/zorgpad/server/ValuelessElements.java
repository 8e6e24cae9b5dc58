package nl.zorgpad.server;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;

/**
 * Two places where a primitive without a value (legal FHIR when it carries extensions: {@code "start": null,
 * "_start": {"extension": [data-absent-reason]}}; also sent as a bare {@code null}) makes HAPI JPA 8.8 fail
 * with a NullPointerException while storing: the bounds of a {@code Timing.repeat.boundsPeriod} (the date indexer) and the {@code data} of a
 * contained Binary (the JSON encoder). Such a resource is refused with 422 naming the element, on every write
 * path ({@link StorageInputChecks}), instead of a 500. Every other value-less primitive is stored as sent.
 */
final class ValuelessElements {

	private ValuelessElements() {}

	static void check(IBaseResource resource) {
		unstorable(resource).ifPresent(element -> {
			throw new UnprocessableEntityException(element + " has no value; this server cannot"
					+ " store it there: send the value, or leave the element out");
		});
	}

	/** The first element of the resource that HAPI cannot store without its value, if any. */
	static Optional<String> unstorable(IBaseResource resource) {
		if (!(resource instanceof DomainResource domain)) {
			return Optional.empty();
		}
		for (Resource contained : domain.getContained()) {
			if (contained instanceof Binary binary && valueless(binary, "data")) {
				return Optional.of("contained Binary.data");
			}
		}
		return timingBounds(domain);
	}

	/** Walks every element as parsed, empty ones too (HAPI indexes a Timing even when it looks empty). */
	private static Optional<String> timingBounds(Base element) {
		if (element instanceof Timing timing) {
			for (Base repeat : timing.getNamedProperty("repeat").getValues()) {
				for (Base bounds : repeat.getNamedProperty("bounds[x]").getValues()) {
					for (String bound : bounds instanceof Period ? new String[] {"start", "end"} : new String[0]) {
						if (valueless(bounds, bound)) {
							return Optional.of("Timing.repeat.boundsPeriod." + bound);
						}
					}
				}
			}
		}
		for (Property property : element.children()) {
			for (Base child : property.getValues()) {
				// contained resources are not indexed; primitives have no elements below them
				Optional<String> found = child instanceof Resource || child.isPrimitive() ? Optional.empty()
						: timingBounds(child);
				if (found.isPresent()) {
					return found;
				}
			}
		}
		return Optional.empty();
	}

	/** Whether the element is there (as sent: {@code null}, or only extensions) but carries no value. */
	private static boolean valueless(Base parent, String child) {
		// the named property reads the field as parsed; the getters would create an empty element
		return parent.getNamedProperty(child).getValues().stream()
				.anyMatch(element -> element instanceof PrimitiveType<?> primitive && primitive.getValue() == null);
	}
}
