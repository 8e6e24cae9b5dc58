package nl.zorgpad.frailty;

import static nl.zorgpad.careteam.CareTeamRole.APOTHEKER;
import static nl.zorgpad.careteam.CareTeamRole.CASEMANAGER_DEMENTIE;
import static nl.zorgpad.careteam.CareTeamRole.COORDINATOR;
import static nl.zorgpad.careteam.CareTeamRole.HUISARTS;
import static nl.zorgpad.careteam.CareTeamRole.MAATSCHAPPELIJK_WERKER;
import static nl.zorgpad.careteam.CareTeamRole.POH_OUDERENZORG;
import static nl.zorgpad.careteam.CareTeamRole.SPECIALIST_OUDERENGENEESKUNDE;
import static nl.zorgpad.careteam.CareTeamRole.VERPLEEGKUNDIG_SPECIALIST;
import static nl.zorgpad.careteam.CareTeamRole.WIJKVERPLEEGKUNDIGE;
import static nl.zorgpad.frailty.FrailtyStatus.COMPLEX_KWETSBAAR;
import static nl.zorgpad.frailty.FrailtyStatus.KWETSBAAR;
import static nl.zorgpad.rules.VerdictAssertions.assertAllowed;
import static nl.zorgpad.rules.VerdictAssertions.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import nl.zorgpad.careteam.CareTeamMember;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.questionnaire.ChecklistResponse;
import nl.zorgpad.rules.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComplexFrailtyCriteriaTest {
	static final String RULE = "ZP-R3";
	static final LocalDate CHANGE = LocalDate.parse("2024-06-15");
	static final List<CareTeamMember> TEAM = List.of(
			member("POH Bakker", POH_OUDERENZORG, COORDINATOR),
			member("Dr. De Vries", HUISARTS),
			member("Wijkverpleging Noord", WIJKVERPLEEGKUNDIGE),
			member("Casemanager Smit", CASEMANAGER_DEMENTIE));

	static CareTeamMember member(String name, CareTeamRole... roles) {
		return new CareTeamMember(name, Set.of(roles));
	}

	/** A completed response of {@code authored} answering c1..c5 yes, except the items given as no or unanswered. */
	static ChecklistResponse response(String authored, Map<String, Boolean> overrides) {
		Map<String, Boolean> answers = new HashMap<>();
		ComplexFrailtyCriteria.CRITERIA.forEach(item -> answers.put(item, true));
		overrides.forEach((item, answer) -> {
			if (answer == null) {
				answers.remove(item);
			} else {
				answers.put(item, answer);
			}
		});
		return new ChecklistResponse(LocalDate.parse(authored), true, answers);
	}

	static ChecklistResponse allYes(String authored) {
		return response(authored, Map.of());
	}

	static Verdict evaluate(List<ChecklistResponse> responses, List<CareTeamMember> team) {
		return ComplexFrailtyCriteria.evaluate(
				new ComplexFrailtyCriteria.Facts(KWETSBAAR, COMPLEX_KWETSBAAR, CHANGE, responses, team));
	}

	@Test
	void allowsComplexFrail_withRecentCriteriaAllYes_andAnotherProviderInTheTeam() {
		assertAllowed(evaluate(List.of(allYes("2024-05-01")), TEAM));
	}

	@Nested
	class CriteriaResponse {
		@Test
		void refusesComplexFrail_withoutCriteriaResponse_namingTheQuestionnaire() {
			Verdict.Finding reason = refusal(evaluate(List.of(), TEAM), RULE);

			assertThat(reason.dutch()).contains("complex-kwetsbaar-criteria", "2023-06-15");
			assertThat(reason.english()).contains("a completed 'complex-kwetsbaar-criteria'", "2023-06-15");
		}

		@ParameterizedTest(name = "authored {0}: allowed {1}")
		@CsvSource({"2023-06-15, true", "2023-06-14, false", "2024-06-15, true", "2024-06-16, false"})
		void countsOnlyResponses_ofTheLast12Months_upToTheChange(String authored, boolean allowed) {
			Verdict verdict = evaluate(List.of(allYes(authored)), TEAM);

			assertThat(verdict.isRefused()).isEqualTo(!allowed);
		}

		@Test
		void refusesComplexFrail_whenTheResponseIsNotCompleted() {
			ChecklistResponse inProgress = new ChecklistResponse(CHANGE, false, allYes("2024-06-01").answers());

			refusal(evaluate(List.of(inProgress), TEAM), RULE);
		}

		@ParameterizedTest
		@ValueSource(strings = {"c1", "c2", "c3", "c4", "c5"})
		void refusesComplexFrail_whenACriterionIsAnsweredNo_namingIt(String item) {
			Verdict verdict = evaluate(List.of(response("2024-05-01", Map.of(item, false))), TEAM);

			assertThat(refusal(verdict, RULE).english()).contains("criteria " + item + " answered yes");
		}

		@Test
		void refusesComplexFrail_whenCriteriaAreUnanswered_namingThem() {
			Map<String, Boolean> unanswered = new HashMap<>();
			unanswered.put("c2", null);
			unanswered.put("c5", null);

			Verdict verdict = evaluate(List.of(response("2024-05-01", unanswered)), TEAM);

			assertThat(refusal(verdict, RULE).dutch()).contains("criteria c2, c5");
		}

		@Test
		void readsTheLatestResponse_notAnOlderOneThatAnsweredYes() {
			List<ChecklistResponse> responses =
					List.of(allYes("2024-01-01"), response("2024-05-01", Map.of("c3", false)));

			assertThat(refusal(evaluate(responses, TEAM), RULE).english()).contains("c3", "2024-05-01");
		}
	}

	@Nested
	class CriterionFourInTheCareTeam {
		static Stream<Arguments> teams() {
			return Stream.of(
					Arguments.of(List.of(member("SO", SPECIALIST_OUDERENGENEESKUNDE)), true),
					Arguments.of(List.of(member("VS", VERPLEEGKUNDIG_SPECIALIST)), true),
					Arguments.of(List.of(member("Casemanager", CASEMANAGER_DEMENTIE)), true),
					Arguments.of(List.of(member("Welzijn", MAATSCHAPPELIJK_WERKER)), true),
					Arguments.of(List.of(member("Apotheek", APOTHEKER)), true),
					Arguments.of(List.of(member("HA", HUISARTS), member("POH", POH_OUDERENZORG, COORDINATOR),
							member("WV", WIJKVERPLEEGKUNDIGE)), false),
					Arguments.of(List.of(member("Coordinator without discipline", COORDINATOR)), false),
					Arguments.of(List.of(), false));
		}

		@ParameterizedTest(name = "{0}: allowed {1}")
		@MethodSource("teams")
		void needsAMemberOutsideGpPracticeAndDistrictNursing(List<CareTeamMember> team, boolean allowed) {
			Verdict verdict = evaluate(List.of(allYes("2024-05-01")), team);

			assertThat(verdict.isRefused()).isEqualTo(!allowed);
			if (!allowed) {
				assertThat(refusal(verdict, RULE).english()).contains("criterion 4", "CareTeam");
			}
		}

		@Test
		void namesBothMissingPieces_whenResponseAndTeamFallShort() {
			Verdict.Finding reason = refusal(evaluate(List.of(), List.of()), RULE);

			assertThat(reason.english()).contains("complex-kwetsbaar-criteria", "criterion 4");
		}
	}

	@Nested
	class OnlyChangesIntoComplexFrail {
		@ParameterizedTest
		@NullSource
		@EnumSource(value = FrailtyStatus.class, names = "COMPLEX_KWETSBAAR", mode = EnumSource.Mode.EXCLUDE)
		void allowsMovingBack_fromComplexFrail_withoutEvidence(FrailtyStatus next) {
			assertAllowed(ComplexFrailtyCriteria.evaluate(
					new ComplexFrailtyCriteria.Facts(COMPLEX_KWETSBAAR, next, CHANGE, List.of(), List.of())));
		}

		@Test
		void allowsRewritingAnEpisodeThatWasAlreadyComplexFrail() {
			assertAllowed(ComplexFrailtyCriteria.evaluate(
					new ComplexFrailtyCriteria.Facts(COMPLEX_KWETSBAAR, COMPLEX_KWETSBAAR, CHANGE, List.of(), List.of())));
		}

		@ParameterizedTest
		@NullSource
		@EnumSource(value = FrailtyStatus.class, names = "COMPLEX_KWETSBAAR", mode = EnumSource.Mode.EXCLUDE)
		void checksANewOrChangedEpisode_becomingComplexFrail(FrailtyStatus previous) {
			refusal(ComplexFrailtyCriteria.evaluate(
					new ComplexFrailtyCriteria.Facts(previous, COMPLEX_KWETSBAAR, CHANGE, List.of(), TEAM)), RULE);
		}
	}
}
