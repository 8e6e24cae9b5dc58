package nl.zorgpad.pathway;

import java.time.LocalDate;
import nl.zorgpad.consent.ConsentCategory;
import nl.zorgpad.fhir.ResourceStore;

/**
 * Whether a patient's {@code bespreken-kernteam} consent is in force on a day (SPEC §4 consent
 * semantics) — what decides if members from the social domain may see the shared care plan.
 */
public final class DiscussionConsent {
	private final ResourceStore store;

	public DiscussionConsent(ResourceStore store) {
		this.store = store;
	}

	public boolean inForce(String patientId, LocalDate day) {
		return new PatientRecord(store, "Patient/" + patientId, RequestBundle.of(null), day).consents()
				.isGranted(ConsentCategory.BESPREKEN_KERNTEAM, day);
	}
}
