package nl.zorgpad.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.consent.ConsentCategory;
import nl.zorgpad.frailty.ComplexFrailtyCriteria;
import nl.zorgpad.frailty.FrailtyStatus;
import nl.zorgpad.meeting.MeetingType;
import nl.zorgpad.trajectory.GzspStopCriteria;
import nl.zorgpad.trajectory.GzspTrajectoryOrder;
import nl.zorgpad.trajectory.TrajectoryPhase;
import nl.zorgpad.worklist.WorklistType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The codes and item linkIds the rules read are exactly those the shipped code systems and Questionnaires hold. */
class CodesMatchProfilesTest {
	static final ObjectMapper JSON = new ObjectMapper();

	static Stream<Arguments> codeSystems() {
		return Stream.of(
				Arguments.of("care-team-role", codes(CareTeamRole.values(), CareTeamRole::code)),
				Arguments.of("meeting-type", codes(MeetingType.values(), MeetingType::code)),
				Arguments.of("frailty-status", codes(FrailtyStatus.values(), FrailtyStatus::code)),
				Arguments.of("consent-category", codes(ConsentCategory.values(), ConsentCategory::code)),
				Arguments.of("zorgtraject-phase", codes(TrajectoryPhase.values(), TrajectoryPhase::code)),
				Arguments.of("worklist-type", codes(WorklistType.values(), WorklistType::code)));
	}

	static Stream<Arguments> criteriaLists() {
		return Stream.of(
				Arguments.of("complex-kwetsbaar-criteria", ComplexFrailtyCriteria.CRITERIA),
				Arguments.of("gzsp-inclusie", Stream.concat(GzspTrajectoryOrder.INCLUSION_CRITERIA.stream(),
						GzspTrajectoryOrder.RULE_OF_THUMB.stream()).toList()),
				Arguments.of("gzsp-stop", GzspStopCriteria.STOP_CRITERIA));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("codeSystems")
	void enumCodes_areTheCodeSystemConcepts(String codeSystem, List<String> enumCodes) throws IOException {
		List<String> concepts = new ArrayList<>();
		read("CodeSystem-" + codeSystem).path("concept").forEach(concept -> concepts.add(concept.path("code").asText()));

		assertThat(enumCodes).containsExactlyInAnyOrderElementsOf(concepts);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("criteriaLists")
	void criteriaItems_areBooleanItemsOfTheQuestionnaire(String questionnaire, List<String> items) throws IOException {
		List<String> booleanItems = new ArrayList<>();
		read("Questionnaire-" + questionnaire).path("item").forEach(item -> {
			if (item.path("type").asText().equals("boolean")) {
				booleanItems.add(item.path("linkId").asText());
			}
		});

		assertThat(items).containsExactlyElementsOf(booleanItems);
	}

	private static <E> List<String> codes(E[] values, Function<E, String> code) {
		return Arrays.stream(values).map(code).toList();
	}

	private static JsonNode read(String name) throws IOException {
		return JSON.readTree(Path.of("fhir-profiles", name + ".json").toFile());
	}
}
