package nl.zorgpad.consent;

import java.util.Collection;
import java.util.Optional;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.Consent;

/** How a FHIR Consent reads as a consent of the programme. */
public final class ConsentFacts {
	private ConsentFacts() {}

	/** The consent as the rules see it; empty when it is not one of our categories or its status does not count. */
	public static Optional<ConsentEntry> entryOf(Consent consent) {
		Optional<ConsentCategory> category = categoryOf(consent);
		Optional<ConsentEntry.Status> status = Optional.ofNullable(consent.getStatus())
				.flatMap(s -> ConsentEntry.Status.fromCode(s.toCode()));
		if (category.isEmpty() || status.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new ConsentEntry(
				category.get(),
				status.get(),
				ConsentEntry.Provision.fromCode(
						consent.getProvision().hasType() ? consent.getProvision().getType().toCode() : null),
				Codes.day(consent.getDateTime()),
				Codes.day(consent.getProvision().getPeriod().getStart()),
				Codes.day(consent.getProvision().getPeriod().getEnd())));
	}

	public static Optional<ConsentCategory> categoryOf(Consent consent) {
		return Codes.code(consent.getCategory(), "consent-category").flatMap(ConsentCategory::fromCode);
	}

	public static ConsentLedger ledger(Collection<Consent> consents) {
		return new ConsentLedger(consents.stream().flatMap(consent -> entryOf(consent).stream()).toList());
	}
}
