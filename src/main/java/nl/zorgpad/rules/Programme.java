package nl.zorgpad.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The programme's constants, one place: the target age, the intervals of the pathway and the time zone in
 * which a day is a day. Every rule, worklist, list and report reads them from here.
 */
@PureDomain
public final class Programme {
	/** The programme is for people aged 75 and over (targeted case finding, ZP-W1, the report's share 75+). */
	public static final int TARGET_AGE = 75;
	/** A complex frail patient's care plan is discussed in a broad MDO at least once in this period. */
	public static final Period MDO_INTERVAL = Period.ofMonths(12);
	/** A consent is reviewed with the patient when it is this old. */
	public static final Period CONSENT_REVIEW = Period.ofMonths(12);
	/** A GZSP trajectory is first evaluated this long after its start ... */
	public static final Period FIRST_EVALUATION = Period.ofMonths(3);
	/** ... and then again this long after the last recorded evaluation. */
	public static final Period EVALUATION_INTERVAL = Period.ofMonths(1);
	/** Days are days in the Netherlands: a meeting at 00:30 CET belongs to that day, not the UTC day before. */
	public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private Programme() {}

	/** The clock the server runs on (tests pass a fixed one). */
	public static Clock systemClock() {
		return Clock.system(ZONE);
	}

	/**
	 * The server's clock moved by whole days so that today is {@code pinned} (time still passes); the real clock
	 * for null. For running the server, and its test suite, on a chosen calendar day.
	 */
	public static Clock clock(LocalDate pinned) {
		Clock system = systemClock();
		return pinned == null ? system
				: Clock.offset(system, Duration.ofDays(ChronoUnit.DAYS.between(today(system), pinned)));
	}

	/** Today in the Netherlands, by {@code clock}. */
	public static LocalDate today(Clock clock) {
		return LocalDate.now(clock.withZone(ZONE));
	}
}
