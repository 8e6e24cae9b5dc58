package nl.zorgpad.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import nl.zorgpad.rules.PureDomain;

/**
 * All Consents of one patient, and what they say on a given day. Shared by the pathway rules (ZP-R1, ZP-R2)
 * and the security layer.
 *
 * <p>A consent of a category is <b>granted</b> on a day when some entry of that category is active, permits,
 * and covers the day (its provision.period; without a period start, from its date on), and no later entry of
 * the same category (dated on or after that permit) revokes it — a deny, or an inactive consent — dated on or
 * before the day. So revoking blocks later days but not the history: a revocation dated after the day does
 * not count. A deny revokes from its date on; its own period is not read. Setting the original permit itself
 * to inactive removes it as a permit; record a new deny Consent to revoke while keeping the history.
 */
@PureDomain
public record ConsentLedger(List<ConsentEntry> entries) {

	/** What the ledger says for one category on one day. */
	public enum Standing {
		GRANTED,
		/** Not granted, and the patient denied or withdrew on or before the day. */
		REVOKED,
		/** Not granted, and nothing was denied either: consent was never recorded for the day. */
		NONE
	}

	public ConsentLedger {
		entries = List.copyOf(Objects.requireNonNullElse(entries, List.of()));
	}

	public static ConsentLedger of(ConsentEntry... entries) {
		return new ConsentLedger(List.of(entries));
	}

	public boolean isGranted(ConsentCategory category, LocalDate day) {
		return standing(category, day) == Standing.GRANTED;
	}

	public Standing standing(ConsentCategory category, LocalDate day) {
		Objects.requireNonNull(day, "day");
		List<ConsentEntry> ofCategory =
				entries.stream().filter(entry -> entry.category() == category).toList();
		boolean granted = ofCategory.stream()
				.filter(ConsentEntry::permits)
				.filter(permit -> permit.covers(day))
				.anyMatch(permit -> ofCategory.stream().noneMatch(other -> revokes(other, permit, day)));
		if (granted) {
			return Standing.GRANTED;
		}
		boolean revoked = ofCategory.stream().anyMatch(entry -> entry.revokes() && !entry.dated().isAfter(day));
		return revoked ? Standing.REVOKED : Standing.NONE;
	}

	/** A revocation counts against a permit when dated on or after it, and on or before the day asked about. */
	private static boolean revokes(ConsentEntry other, ConsentEntry permit, LocalDate day) {
		return other.revokes()
				&& !other.dated().isBefore(permit.dated())
				&& !other.dated().isAfter(day);
	}
}
