package nl.zorgpad.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import nl.zorgpad.support.Examples;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.ServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A coordinator sees mevrouw Jansen's pathway (the example story) in one call. */
class PatientPathwayIT extends ServerTest {
	private JsonPath view;

	@BeforeEach
	void theExampleStory() {
		fhir().body(Fhir.json(Examples.transaction())).post("/").then().statusCode(200);
		view = fhir().get("/Patient/mevrouw-jansen/$pathway").then().statusCode(200).extract().jsonPath();
	}

	private List<Map<String, Object>> parameters(String name) {
		return view.getList("parameter.findAll { it.name == '" + name + "' }");
	}

	private Object part(String parameter, String part, String field) {
		return view.get("parameter.find { it.name == '" + parameter + "' }.part.find { it.name == '" + part + "' }."
				+ field);
	}

	@Test
	void showsTheOpenWorkItems_withOwnerUrgencyDueDateAndStatus() {
		assertThat(part("openTask", "task", "valueReference.reference")).isEqualTo("Task/actie-fysiotherapie-jansen");
		assertThat(part("openTask", "owner", "valueReference.reference")).isEqualTo("PractitionerRole/wijkverpleegkundige-bakker");
		assertThat(part("openTask", "urgency", "valueCode")).isEqualTo("urgent");
		assertThat(part("openTask", "due", "valueDateTime")).isEqualTo("2025-11-14");
		assertThat(part("openTask", "status", "valueCode")).isEqualTo("requested");
	}

	@Test
	void showsTheStep_frailtyStatus_andItsEvidence() {
		assertThat(view.getString("resourceType")).isEqualTo("Parameters");
		assertThat(view.getString("parameter.find { it.name == 'step' }.valueCoding.code")).isEqualTo("coordinatie");
		assertThat(part("frailty", "status", "valueCoding.code")).isEqualTo("kwetsbaar");
		assertThat(part("frailty", "date", "valueDate")).isEqualTo("2025-09-15");
		assertThat(view.getList("parameter.find { it.name == 'frailty' }.part.findAll { it.name == 'evidence' }"))
				.isNotEmpty();
	}

	@Test
	void showsConsents_andTheLatestScorePerInstrument() {
		assertThat(parameters("consent")).hasSize(2);
		assertThat(view.getList("parameter.findAll { it.name == 'score' }.part.flatten().findAll { it.name == 'instrument' }.valueCoding.code"))
				.containsExactlyInAnyOrder("ediz-total", "gfi-total", "mmse-total", "trazag-start-total");
		assertThat(view.getInt("parameter.findAll { it.name == 'score' }.find { s -> s.part.find { it.name == 'instrument' }.valueCoding.code == 'gfi-total' }.part.find { it.name == 'value' }.valueInteger"))
				.isEqualTo(8);
	}

	@Test
	void showsTheCoreTeamWithItsCoordinator_theCarePlan_andTheTrajectory() {
		assertThat(part("coreTeam", "coordinator", "valueReference.reference")).isEqualTo("PractitionerRole/poh-van-dijk");
		assertThat(view.getList("parameter.find { it.name == 'carePlan' }.part.findAll { it.name == 'openAction' }"))
				.isNotEmpty();
		assertThat(view.getList("parameter.find { it.name == 'carePlan' }.part.findAll { it.name == 'goal' }.part.flatten().findAll { it.name == 'domain' }.valueCoding.code"))
				.isNotEmpty();
		assertThat(part("lastMeeting", "type", "valueCoding.code")).isEqualTo("kernteam-overleg");
		assertThat(part("trajectory", "phase", "valueCoding.code")).isEqualTo("startfase");
	}

	@Test
	void answers404_forAnUnknownPatient() {
		fhir().get("/Patient/nobody-here/$pathway").then().statusCode(404);
	}
}
