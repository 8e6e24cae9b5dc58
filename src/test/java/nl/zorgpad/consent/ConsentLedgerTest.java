package nl.zorgpad.consent;

import static nl.zorgpad.consent.ConsentCategory.BESPREKEN_KERNTEAM;
import static nl.zorgpad.consent.ConsentCategory.PROGRAMMA_DEELNAME;
import static nl.zorgpad.consent.ConsentLedger.Standing.GRANTED;
import static nl.zorgpad.consent.ConsentLedger.Standing.NONE;
import static nl.zorgpad.consent.ConsentLedger.Standing.REVOKED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import nl.zorgpad.consent.ConsentEntry.Provision;
import nl.zorgpad.consent.ConsentEntry.Status;
import nl.zorgpad.consent.ConsentLedger.Standing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the consents of one patient say on a day: the shared semantics of ZP-R1, ZP-R2 and the security layer. */
class ConsentLedgerTest {
	static final LocalDate DAY = LocalDate.parse("2024-06-15");

	/** An active permit given on {@code date}, valid from {@code start} to {@code end} (null = open). */
	static ConsentEntry permit(ConsentCategory category, String date, String start, String end) {
		return new ConsentEntry(category, Status.ACTIVE, Provision.PERMIT, day(date), day(start), day(end));
	}

	static ConsentEntry permit(String date) {
		return permit(BESPREKEN_KERNTEAM, date, date, null);
	}

	static ConsentEntry deny(String date) {
		return new ConsentEntry(BESPREKEN_KERNTEAM, Status.ACTIVE, Provision.DENY, day(date), day(date), null);
	}

	static ConsentEntry inactive(String date) {
		return new ConsentEntry(BESPREKEN_KERNTEAM, Status.INACTIVE, Provision.PERMIT, day(date), day(date), null);
	}

	static LocalDate day(String text) {
		return text == null ? null : LocalDate.parse(text);
	}

	static Stream<Arguments> scenarios() {
		return Stream.of(
				Arguments.of("nothing recorded", List.of(), NONE),
				Arguments.of("a permit from before the day", List.of(permit("2024-01-01")), GRANTED),
				Arguments.of("a permit given on the day", List.of(permit("2024-06-15")), GRANTED),
				Arguments.of("a permit only from after the day", List.of(permit("2024-06-16")), NONE),
				Arguments.of("a permit of the other category",
						List.of(permit(PROGRAMMA_DEELNAME, "2024-01-01", "2024-01-01", null)), NONE),
				Arguments.of("a permit whose period ended before the day",
						List.of(permit(BESPREKEN_KERNTEAM, "2023-01-01", "2023-01-01", "2024-06-14")), NONE),
				Arguments.of("a permit whose period ends on the day",
						List.of(permit(BESPREKEN_KERNTEAM, "2023-01-01", "2023-01-01", "2024-06-15")), GRANTED),
				Arguments.of("a permit without period, dated before the day",
						List.of(permit(BESPREKEN_KERNTEAM, "2024-01-01", null, null)), GRANTED),
				Arguments.of("a permit recorded later whose period covers the day",
						List.of(permit(BESPREKEN_KERNTEAM, "2024-07-01", "2024-06-01", null)), GRANTED),
				Arguments.of("a later deny before the day", List.of(permit("2024-01-01"), deny("2024-03-01")), REVOKED),
				Arguments.of("a deny on the day", List.of(permit("2024-01-01"), deny("2024-06-15")), REVOKED),
				Arguments.of("a deny only after the day", List.of(permit("2024-01-01"), deny("2024-06-16")), GRANTED),
				Arguments.of("a later inactive consent", List.of(permit("2024-01-01"), inactive("2024-03-01")), REVOKED),
				Arguments.of("an inactive consent only after the day",
						List.of(permit("2024-01-01"), inactive("2024-07-01")), GRANTED),
				Arguments.of("the permit itself made inactive", List.of(inactive("2024-01-01")), REVOKED),
				Arguments.of("a deny followed by a new permit", List.of(deny("2024-01-01"), permit("2024-03-01")), GRANTED),
				Arguments.of("a deny and a permit on the same date", List.of(permit("2024-03-01"), deny("2024-03-01")), REVOKED),
				Arguments.of("a deny of the other category",
						List.of(permit("2024-01-01"), new ConsentEntry(PROGRAMMA_DEELNAME, Status.ACTIVE, Provision.DENY,
								day("2024-03-01"), day("2024-03-01"), null)), GRANTED));
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@MethodSource("scenarios")
	void standingOnTheDay_followsTheLatestDecision(String scenario, List<ConsentEntry> entries, Standing expected) {
		ConsentLedger ledger = new ConsentLedger(entries);

		assertThat(ledger.standing(BESPREKEN_KERNTEAM, DAY)).isEqualTo(expected);
		assertThat(ledger.isGranted(BESPREKEN_KERNTEAM, DAY)).isEqualTo(expected == GRANTED);
	}

	@ParameterizedTest(name = "status {0} counts: {1}")
	@CsvSource({"active, true", "inactive, true", "draft, false", "proposed, false", "rejected, false",
			"entered-in-error, false"})
	void onlyActiveAndInactiveConsents_count(String status, boolean counts) {
		assertThat(Status.fromCode(status).isPresent()).isEqualTo(counts);
	}

	@ParameterizedTest(name = "provision.type {0} -> {1}")
	@CsvSource(value = {"permit, PERMIT", "deny, DENY", "null, PERMIT"}, nullValues = "null")
	void aMissingProvisionType_permits(String code, Provision expected) {
		assertThat(Provision.fromCode(code)).isEqualTo(expected);
	}
}
