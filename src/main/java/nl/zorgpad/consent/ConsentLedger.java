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
 * and covers the day (its provision.period, or from its date on when it has no period start), and no later
 * entry of the same category (dated on or after that permit) revokes it — a deny, or an inactive consent —
 * on or before the day. So revoking blocks later days but not the history: a revocation dated after the day
 * does not count. Note that setting the original permit itself to inactive removes it as a permit; record a
 * new deny Consent to revoke while keeping the history.
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
		List<ConsentEntry> known = entries.stream()
				.filter(entry -> entry.category() == category)
				.filter(entry -> !entry.dated().isAfter(day))
				.toList();
		boolean granted = known.stream()
				.filter(ConsentEntry::permits)
				.filter(permit -> permit.covers(day))
				.anyMatch(permit -> known.stream().noneMatch(other -> revokes(other, permit)));
		if (granted) {
			return Standing.GRANTED;
		}
		return known.stream().anyMatch(ConsentEntry::revokes) ? Standing.REVOKED : Standing.NONE;
	}

	private static boolean revokes(ConsentEntry other, ConsentEntry permit) {
		return other != permit && other.revokes() && !other.dated().isBefore(permit.dated());
	}
}
