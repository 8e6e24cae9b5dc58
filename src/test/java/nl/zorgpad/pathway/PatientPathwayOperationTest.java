package nl.zorgpad.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import nl.zorgpad.rules.RuleSwitches;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class PatientPathwayOperationTest {
	private final InMemoryStore store = new InMemoryStore();

	/** A frail patient of 70 (ZP-W1: under 75) with no Trazag or GFI on file (ZP-W2). */
	PatientPathwayOperationTest() {
		Patient patient = new Patient();
		patient.setId("rules-test");
		patient.setBirthDate(PathwayRulesTest.date(PathwayRulesTest.TODAY.minusYears(70)));
		store.add(patient);
		store.add(PathwayRulesTest.episode("kwetsbaar"));
	}

	@Test
	void showsTheWarningsOfTheSwitchedOnWarningRules() {
		assertThat(warnings(List.of())).containsExactly("ZP-W1", "ZP-W2");
	}

	@Test
	void showsNoWarningOfASwitchedOffRule() {
		assertThat(warnings(List.of("ZP-W1"))).containsExactly("ZP-W2");
		assertThat(warnings(List.of("ZP-W2"))).containsExactly("ZP-W1");
		assertThat(warnings(List.of("ZP-W1", "ZP-W2"))).isEmpty();
	}

	private List<String> warnings(List<String> disabled) {
		Parameters view = operation(new RuleSwitches(disabled)).pathway(new IdType(PathwayRulesTest.PATIENT), null);
		return view.getParameter().stream().filter(p -> p.getName().equals("warning"))
				.map(p -> ((Coding) p.getPart().get(0).getValue()).getCode()).toList();
	}

	@SuppressWarnings("unchecked")
	private PatientPathwayOperation operation(RuleSwitches switches) {
		IFhirResourceDao<Patient> patients = mock(IFhirResourceDao.class);
		when(patients.read(any(IdType.class), any())).thenAnswer(call -> store.byIds(Patient.class, List.of("rules-test")).get(0));
		DaoRegistry daos = mock(DaoRegistry.class);
		when(daos.getResourceDao(Patient.class)).thenReturn(patients);
		Clock clock = Clock.fixed(PathwayRulesTest.date(PathwayRulesTest.TODAY).toInstant().plusSeconds(43_200),
				ZoneId.of("Europe/Amsterdam"));
		return new PatientPathwayOperation(daos, store, switches, clock);
	}
}
