package nl.zorgpad.monitoring;

import java.time.LocalDate;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.rules.PureDomain;

/**
 * The twice-yearly monitoring extract (seed 001): counts on {@code date}, meetings held in the half
 * year up to and including {@code date}, and the practice's share of patients aged 75+ on 1 January
 * of that year (the basis of the funding category).
 */
@PureDomain
public record ReportPeriod(LocalDate date) {
	public ReportPeriod {
		if (date == null) {
			throw new IllegalArgumentException("date is required");
		}
	}

	/** First day of the half year that ends on {@code date}. */
	public LocalDate start() {
		return date.plusDays(1).minusMonths(6);
	}

	/** The reference day of the funding category: 1 January of the report's year. */
	public LocalDate januaryFirst() {
		return LocalDate.of(date.getYear(), 1, 1);
	}

	/** Patients born on or before this day were 75 or older on 1 January. */
	public LocalDate born75OnJanuaryFirst() {
		return januaryFirst().minusYears(Programme.TARGET_AGE);
	}

	/** Percentage with one decimal (half up); 0 when there is nobody. */
	static double share(long part, long whole) {
		return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
	}
}
