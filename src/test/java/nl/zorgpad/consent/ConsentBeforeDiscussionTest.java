package nl.zorgpad.consent;

import static nl.zorgpad.consent.ConsentLedgerTest.deny;
import static nl.zorgpad.consent.ConsentLedgerTest.inactive;
import static nl.zorgpad.consent.ConsentLedgerTest.permit;
import static nl.zorgpad.rules.VerdictAssertions.assertAllowed;
import static nl.zorgpad.rules.VerdictAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import nl.zorgpad.meeting.Meeting;
import nl.zorgpad.meeting.MeetingStatus;
import nl.zorgpad.meeting.MeetingType;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsentBeforeDiscussionTest {
	static final String RULE = "ZP-R1";
	static final String MEETING_DAY = "2024-06-15";

	static Meeting meeting(MeetingType type, MeetingStatus status, String date) {
		return new Meeting(type, status, date == null ? null : LocalDate.parse(date), Set.of());
	}

	static Verdict evaluate(Meeting meeting, ConsentEntry... consents) {
		return ConsentBeforeDiscussion.evaluate(new ConsentBeforeDiscussion.Facts(meeting, ConsentLedger.of(consents)));
	}

	static Verdict evaluate(ConsentEntry... consents) {
		return evaluate(meeting(MeetingType.KERNTEAM_OVERLEG, MeetingStatus.FINISHED, MEETING_DAY), consents);
	}

	@Nested
	class WhichMeetings {
		@ParameterizedTest
		@EnumSource(value = MeetingType.class, names = {"KERNTEAM_OVERLEG", "BREED_MDO", "MDO_GZSP"})
		void refusesDiscussion_whenNoActiveConsent(MeetingType type) {
			Verdict verdict = evaluate(meeting(type, MeetingStatus.PLANNED, MEETING_DAY));

			Verdict.Finding reason = refusal(verdict, RULE);
			assertThat(reason.dutch()).contains("bespreken-kernteam", MEETING_DAY);
			assertThat(reason.english()).contains("Record the consent first", "bespreken-kernteam", MEETING_DAY);
		}

		@ParameterizedTest
		@EnumSource(value = MeetingType.class, names = {"KERNTEAM_OVERLEG", "BREED_MDO", "MDO_GZSP"})
		void allowsDiscussion_whenConsentCoversTheMeetingDate(MeetingType type) {
			assertAllowed(evaluate(meeting(type, MeetingStatus.PLANNED, MEETING_DAY), permit("2024-01-01")));
		}

		@Test
		void allowsSoConsult_withoutConsent() {
			assertAllowed(evaluate(meeting(MeetingType.SO_CONSULT, MeetingStatus.FINISHED, MEETING_DAY)));
		}

		@ParameterizedTest
		@EnumSource(value = MeetingStatus.class, names = "CANCELLED", mode = EnumSource.Mode.EXCLUDE)
		void refusesMeeting_inEveryStatusButCancelled(MeetingStatus status) {
			refusal(evaluate(meeting(MeetingType.BREED_MDO, status, MEETING_DAY)), RULE);
		}

		@Test
		void allowsCancelledMeeting_withoutConsent() {
			assertAllowed(evaluate(meeting(MeetingType.BREED_MDO, MeetingStatus.CANCELLED, MEETING_DAY)));
		}

		@Test
		void refusesMeeting_withoutDate_namingTheDate() {
			Verdict verdict = evaluate(meeting(MeetingType.KERNTEAM_OVERLEG, MeetingStatus.PLANNED, null));

			assertThat(refusal(verdict, RULE).english()).contains("Record the meeting date");
		}
	}

	@Nested
	class WhichConsents {
		@Test
		void refusesMeeting_whenConsentStartsAfterIt() {
			refusal(evaluate(permit("2024-06-16")), RULE);
		}

		@Test
		void refusesMeeting_whenConsentPeriodEndedBeforeIt() {
			refusal(evaluate(permit(ConsentCategory.BESPREKEN_KERNTEAM, "2023-01-01", "2023-01-01", "2024-06-01")), RULE);
		}

		@Test
		void refusesMeeting_whenOnlyParticipationConsentIsRecorded() {
			refusal(evaluate(permit(ConsentCategory.PROGRAMMA_DEELNAME, "2024-01-01", "2024-01-01", null)), RULE);
		}

		@Test
		void refusesMeeting_afterConsentWasDenied_sayingItWasWithdrawn() {
			Verdict verdict = evaluate(permit("2024-01-01"), deny("2024-05-01"));

			Verdict.Finding reason = refusal(verdict, RULE);
			assertThat(reason.dutch()).contains("ingetrokken", "bespreken-kernteam");
			assertThat(reason.english()).contains("withdrew", "Record a new active consent");
		}

		@Test
		void refusesMeeting_afterConsentWasMadeInactive() {
			refusal(evaluate(permit("2024-01-01"), inactive("2024-05-01")), RULE);
		}

		@Test
		void allowsMeeting_whenConsentRevokedOnlyAfterIt() {
			assertAllowed(evaluate(permit("2024-01-01"), deny("2024-07-01")));
			assertAllowed(evaluate(permit("2024-01-01"), inactive("2024-07-01")));
		}

		@Test
		void allowsMeeting_whenConsentGivenAgainAfterADenial() {
			assertAllowed(evaluate(deny("2024-01-01"), permit("2024-02-01")));
		}
	}
}
