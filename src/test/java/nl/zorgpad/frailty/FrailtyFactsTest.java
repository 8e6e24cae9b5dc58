package nl.zorgpad.frailty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

class FrailtyFactsTest {
	static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

	@Test
	void theCurrentStatus_isThatOfTheLatestActiveEpisode() {
		Condition older = episode("A49.01", "mogelijk-kwetsbaar", TODAY.minusDays(90));
		Condition newer = episode("A05", "complex-kwetsbaar", TODAY.minusDays(10));
		Condition resolved = episode("A05", "kwetsbaar", TODAY.minusDays(1));
		resolved.setClinicalStatus(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", null)));
		Condition otherCondition = episode("A20", "kwetsbaar", TODAY);

		assertThat(FrailtyFacts.currentStatus(List.of(older, newer, resolved, otherCondition)))
				.contains(FrailtyStatus.COMPLEX_KWETSBAAR);
		assertThat(FrailtyFacts.currentStatus(List.of(older))).contains(FrailtyStatus.MOGELIJK_KWETSBAAR);
		assertThat(FrailtyFacts.currentStatus(List.of(otherCondition))).isEmpty();
	}

	@Test
	void anEpisodeEnteredInError_isNotTheCurrentOne_evenWithoutAClinicalStatus() {
		Condition real = episode("A05", "complex-kwetsbaar", TODAY.minusDays(30));
		Condition duplicate = episode("A05", "kwetsbaar", TODAY.minusDays(10));
		duplicate.setVerificationStatus(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error", null)));

		assertThat(FrailtyFacts.isActive(duplicate)).isFalse();
		assertThat(FrailtyFacts.currentStatus(List.of(real, duplicate))).contains(FrailtyStatus.COMPLEX_KWETSBAAR);
		assertThat(FrailtyFacts.currentStatus(List.of(duplicate))).isEmpty();
	}

	@Test
	void aStatusSetToday_onAnEpisodeRecordedLongAgo_isSetToday() {
		Condition recodedToday = episode("A05", "kwetsbaar", TODAY.minusDays(90));
		assertThat(FrailtyFacts.statusDay(recodedToday, TODAY)).isEqualTo(TODAY);
	}

	@Test
	void aStatusDateStatedByAHisPushingLater_counts_butNeverLaterThanToday() {
		Condition pushedLater = episode("A05", "kwetsbaar", TODAY.minusDays(90));
		pushedLater.getStageFirstRep().addExtension(FrailtyFacts.STATUS_DATE, new DateTimeType(date(TODAY.minusDays(40))));
		assertThat(FrailtyFacts.statusDay(pushedLater, TODAY)).isEqualTo(TODAY.minusDays(40));

		Condition future = episode("A05", "kwetsbaar", TODAY);
		future.getStageFirstRep().addExtension(FrailtyFacts.STATUS_DATE, new DateTimeType(date(TODAY.plusDays(3))));
		assertThat(FrailtyFacts.statusDay(future, TODAY)).isEqualTo(TODAY);
	}

	@Test
	void theEpisodeDay_isItsOnset_elseTheDayItWasRecorded_elseToday() {
		Condition episode = episode("A05", "kwetsbaar", TODAY.minusDays(30));
		assertThat(FrailtyFacts.episodeDay(episode, TODAY)).isEqualTo(TODAY.minusDays(30));
		episode.setOnset(new DateTimeType(date(TODAY.minusDays(45))));
		assertThat(FrailtyFacts.episodeDay(episode, TODAY)).isEqualTo(TODAY.minusDays(45));
		assertThat(FrailtyFacts.episodeDay(new Condition(), TODAY)).isEqualTo(TODAY);
	}

	static Condition episode(String icpc, String status, LocalDate recorded) {
		Condition condition = new Condition();
		condition.setCode(new CodeableConcept(new Coding(Codes.ICPC, icpc, null)));
		condition.getStageFirstRep().setSummary(new CodeableConcept(new Coding(Codes.BASE + "frailty-status", status, null)));
		condition.setRecordedDate(date(recorded));
		return condition;
	}

	static Date date(LocalDate day) {
		return Date.from(day.atTime(12, 0).atZone(ZoneId.of("Europe/Amsterdam")).toInstant());
	}
}
