package nl.zorgpad.consent;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;

/**
 * One Consent of a patient, reduced to what the consent rules read. Consents with another status (draft,
 * proposed, rejected, entered-in-error) do not count: leave them out ({@link Status#fromCode} gives empty).
 *
 * @param category Consent.category (consent-category)
 * @param status Consent.status: active or inactive
 * @param provision Consent.provision.type: permit or deny
 * @param dateTime Consent.dateTime, the day it was given or revoked (null when unknown)
 * @param periodStart Consent.provision.period.start (null when open)
 * @param periodEnd Consent.provision.period.end (null when open)
 */
@PureDomain
public record ConsentEntry(
		ConsentCategory category,
		Status status,
		Provision provision,
		LocalDate dateTime,
		LocalDate periodStart,
		LocalDate periodEnd) {

	public enum Status {
		ACTIVE,
		INACTIVE;

		public static Optional<Status> fromCode(String code) {
			return switch (String.valueOf(code)) {
				case "active" -> Optional.of(ACTIVE);
				case "inactive" -> Optional.of(INACTIVE);
				default -> Optional.empty();
			};
		}
	}

	public enum Provision {
		PERMIT,
		DENY;

		/** "deny" is a denial; a permit or a missing type is a permit. */
		public static Provision fromCode(String code) {
			return "deny".equals(code) ? DENY : PERMIT;
		}
	}

	public ConsentEntry {
		Objects.requireNonNull(category, "category");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(provision, "provision");
	}

	/** An active permit: this entry can grant. */
	boolean permits() {
		return status == Status.ACTIVE && provision == Provision.PERMIT;
	}

	/** A denial or a withdrawn (inactive) consent: this entry revokes earlier permits from its date on. */
	boolean revokes() {
		return !permits();
	}

	/** A permit covers the days of its period; without a start it covers from its date on. */
	boolean covers(LocalDate day) {
		LocalDate from = periodStart != null ? periodStart : dated();
		LocalDate until = periodEnd != null ? periodEnd : LocalDate.MAX;
		return !day.isBefore(from) && !day.isAfter(until);
	}

	/** The day this entry was decided: its dateTime, else its period start, else "always". */
	LocalDate dated() {
		if (dateTime != null) {
			return dateTime;
		}
		return periodStart != null ? periodStart : LocalDate.MIN;
	}
}
