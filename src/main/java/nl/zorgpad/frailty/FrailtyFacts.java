package nl.zorgpad.frailty;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.Optional;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;

/**
 * How Conditions read as the frailty episode and the patient's frailty status. One definition, used by the
 * rules, {@code $pathway}, the worklists and the report: the current status is the stage of the latest active
 * frailty episode (ICPC A49.01 or A05, latest by recorded date).
 */
public final class FrailtyFacts {
	/** Extension on Condition.stage: the day a status was set, for a record pushed after the event. */
	public static final String STATUS_DATE = "https://zorgpad.nl/fhir/StructureDefinition/zp-status-date";
	/** The ICPC codes of a frailty episode: signalled frailty, and frailty established. */
	public static final String SIGNALLED = "A49.01";
	public static final String FRAIL = "A05";

	private FrailtyFacts() {}

	public static boolean isFrailtyEpisode(Condition condition) {
		return Codes.hasIcpc(condition.getCode(), FRAIL, SIGNALLED);
	}

	/**
	 * An episode without a clinical status counts as active — unless it was entered in error (which, by FHIR's
	 * con-5, carries no clinical status): that one is no episode at all, as in the SQL of the worklists and report.
	 */
	public static boolean isActive(Condition condition) {
		if (condition.getVerificationStatus().getCoding().stream().anyMatch(c -> "entered-in-error".equals(c.getCode()))) {
			return false;
		}
		return !condition.hasClinicalStatus()
				|| condition.getClinicalStatus().getCoding().stream().anyMatch(c -> "active".equals(c.getCode()));
	}

	/** The status an episode records (Condition.stage.summary, frailty-status). */
	public static Optional<FrailtyStatus> statusOf(Condition episode) {
		return episode.getStage().stream()
				.map(stage -> Codes.code(stage.getSummary(), "frailty-status"))
				.flatMap(Optional::stream)
				.findFirst()
				.flatMap(FrailtyStatus::fromCode);
	}

	/** The latest active frailty episode among the patient's Conditions. */
	public static Optional<Condition> currentEpisode(Collection<Condition> conditions) {
		return conditions.stream()
				.filter(FrailtyFacts::isFrailtyEpisode)
				.filter(FrailtyFacts::isActive)
				.max(Comparator.comparing(FrailtyFacts::recorded));
	}

	/** The patient's current frailty status: that of the current episode. */
	public static Optional<FrailtyStatus> currentStatus(Collection<Condition> conditions) {
		return currentEpisode(conditions).flatMap(FrailtyFacts::statusOf);
	}

	/** The day of the episode: its onset, else the day it was recorded, else {@code today}. */
	public static LocalDate episodeDay(Condition episode, LocalDate today) {
		if (episode.hasOnsetDateTimeType() && episode.getOnsetDateTimeType().getValue() != null) {
			return Codes.day(episode.getOnsetDateTimeType().getValue());
		}
		if (episode.hasRecordedDate()) {
			return Codes.day(episode.getRecordedDate());
		}
		return today;
	}

	/**
	 * The day a status was set: {@code today} (the write that sets it), or — for a record pushed later — the day
	 * the client states in extension {@code zp-status-date} on the stage, never later than today.
	 */
	public static LocalDate statusDay(Condition episode, LocalDate today) {
		Extension stated = episode.getStageFirstRep().getExtensionByUrl(STATUS_DATE);
		if (stated != null && stated.getValue() instanceof DateTimeType date && date.getValue() != null) {
			LocalDate day = Codes.day(date.getValue());
			return day.isAfter(today) ? today : day;
		}
		return today;
	}

	private static Date recorded(Condition condition) {
		if (condition.hasRecordedDate()) {
			return condition.getRecordedDate();
		}
		Date updated = condition.getMeta().getLastUpdated();
		return updated != null ? updated : new Date(0);
	}
}
