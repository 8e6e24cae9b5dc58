package nl.zorgpad.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.zorgpad.rules.Programme;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/** Builders for the resources tests need; each call yields fresh business identifiers. */
public final class Fixtures {
	public static final String BSN = "http://fhir.nl/fhir/NamingSystem/bsn";

	private Fixtures() {}

	/** A nine-digit number that passes the BSN eleven-check, random enough to be unique per test. */
	public static String newBsn() {
		while (true) {
			int[] digits = new int[9];
			digits[0] = 1 + ThreadLocalRandom.current().nextInt(9);
			for (int i = 1; i < 8; i++) {
				digits[i] = ThreadLocalRandom.current().nextInt(10);
			}
			int sum = 0;
			for (int i = 0; i < 8; i++) {
				sum += (9 - i) * digits[i];
			}
			int last = sum % 11;
			if (last == 10) {
				continue;
			}
			digits[8] = last; // 9*d0 + ... + 2*d7 - 1*d8 must be divisible by 11
			StringBuilder bsn = new StringBuilder();
			for (int digit : digits) {
				bsn.append(digit);
			}
			return bsn.toString();
		}
	}

	public static Patient elderlyPatient(String family) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(BSN).setValue(newBsn());
		patient.addName().setFamily(family).addGiven("Anna");
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.setBirthDate(date(today().minusYears(82)));
		return patient;
	}

	public static String uniqueFamily() {
		return "Test" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	public static Encounter encounter(String patientReference, LocalDate day) {
		Encounter encounter = new Encounter();
		encounter.setStatus(Encounter.EncounterStatus.FINISHED);
		encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
		encounter.setSubject(new Reference(patientReference));
		encounter.getPeriod().setStart(date(day));
		return encounter;
	}

	/**
	 * The day the server under test runs on: {@code -Dzorgpad.test.today=2028-02-29} pins it (ServerTest tells the
	 * server the same), else the real day in the Netherlands. Fixtures are built relative to it.
	 */
	public static LocalDate today() {
		return Programme.today(CLOCK);
	}

	/** The current instant on the server's clock (moved to {@link #today()} when pinned). */
	public static Date now() {
		return Date.from(CLOCK.instant());
	}

	/** The pinned day, or null when the suite runs on the real day. */
	public static LocalDate pinnedDay() {
		String pinned = System.getProperty("zorgpad.test.today");
		return pinned == null || pinned.isBlank() ? null : LocalDate.parse(pinned);
	}

	private static final java.time.Clock CLOCK = Programme.clock(pinnedDay());

	public static Date date(LocalDate day) {
		return Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant());
	}
}
