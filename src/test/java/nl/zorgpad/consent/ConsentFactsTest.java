package nl.zorgpad.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;

class ConsentFactsTest {
	static final LocalDate GIVEN = LocalDate.of(2026, 3, 1);

	@Test
	void aConsentOfTheProgramme_readsAsItsCategoryStatusProvisionAndDays() {
		Consent consent = consent("bespreken-kernteam", Consent.ConsentState.ACTIVE);
		consent.getProvision().setType(Consent.ConsentProvisionType.DENY)
				.getPeriod().setStart(date(GIVEN)).setEnd(date(GIVEN.plusYears(1)));

		assertThat(ConsentFacts.entryOf(consent)).contains(new ConsentEntry(ConsentCategory.BESPREKEN_KERNTEAM,
				ConsentEntry.Status.ACTIVE, ConsentEntry.Provision.DENY, GIVEN, GIVEN, GIVEN.plusYears(1)));
	}

	@Test
	void aConsentWithoutAProvisionType_isAPermit_withOpenPeriod() {
		assertThat(ConsentFacts.entryOf(consent("programma-deelname", Consent.ConsentState.INACTIVE)))
				.contains(new ConsentEntry(ConsentCategory.PROGRAMMA_DEELNAME, ConsentEntry.Status.INACTIVE,
						ConsentEntry.Provision.PERMIT, GIVEN, null, null));
	}

	@Test
	void aDraftConsent_orOneOfAnotherCategory_doesNotCount() {
		assertThat(ConsentFacts.entryOf(consent("programma-deelname", Consent.ConsentState.DRAFT))).isEmpty();
		Consent other = consent("programma-deelname", Consent.ConsentState.ACTIVE);
		other.getCategoryFirstRep().getCodingFirstRep().setSystem("http://loinc.org");
		assertThat(ConsentFacts.entryOf(other)).isEmpty();
		assertThat(ConsentFacts.categoryOf(other)).isEmpty();
	}

	@Test
	void theLedger_holdsTheConsentsThatCount() {
		ConsentLedger ledger = ConsentFacts.ledger(List.of(consent("programma-deelname", Consent.ConsentState.ACTIVE),
				consent("bespreken-kernteam", Consent.ConsentState.DRAFT)));
		assertThat(ledger.entries()).extracting(ConsentEntry::category).containsExactly(ConsentCategory.PROGRAMMA_DEELNAME);
		assertThat(ledger.isGranted(ConsentCategory.PROGRAMMA_DEELNAME, GIVEN)).isTrue();
	}

	private static Consent consent(String category, Consent.ConsentState status) {
		Consent consent = new Consent().setStatus(status).setDateTime(date(GIVEN));
		consent.addCategory(new CodeableConcept(new Coding(Codes.BASE + "consent-category", category, null)));
		return consent;
	}

	private static Date date(LocalDate day) {
		return Date.from(day.atTime(10, 0).atZone(ZoneId.of("Europe/Amsterdam")).toInstant());
	}
}
