package nl.zorgpad.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import javax.sql.DataSource;
import nl.zorgpad.fhir.Codes;
import nl.zorgpad.support.Fhir;
import nl.zorgpad.support.Fixtures;
import nl.zorgpad.support.ServerTest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the adapter assumes of HAPI's schema, checked against what HAPI really writes: the hashes it computes for
 * token and date parameters, the link paths, the inline JSON of the current version. A HAPI upgrade that changes any
 * of them fails here by name, before a worklist silently comes back empty.
 */
class HapiSchemaContractIT extends ServerTest {
	@Autowired
	SearchIndex index;

	@Autowired
	DataSource dataSource;

	@Test
	void theHashesLinkPathsAndStoredJson_theAdapterReadsAreWhatHapiWrites() {
		String practice = create(new Organization().setName("Praktijk " + Fixtures.uniqueFamily()));
		Patient patient = Fixtures.elderlyPatient(Fixtures.uniqueFamily());
		patient.addGeneralPractitioner(new Reference("Organization/" + practice));
		String patientId = create(patient);
		LocalDate recorded = Fixtures.today().minusDays(3);
		Condition episode = new Condition().setSubject(new Reference("Patient/" + patientId))
				.setCode(new CodeableConcept(new Coding(Codes.ICPC, "A05", "Kwetsbaarheid")))
				.setClinicalStatus(new CodeableConcept(new Coding(
						"http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)))
				.setRecordedDate(Fixtures.date(recorded));
		episode.getStageFirstRep().setSummary(new CodeableConcept(
				new Coding(Codes.BASE + "frailty-status", "mogelijk-kwetsbaar", null)));
		long condition = pid("Condition", create(episode));
		long patientPid = pid("Patient", patientId);

		assertThat(count("SELECT COUNT(*) FROM HFJ_SPIDX_TOKEN WHERE RES_ID = ? AND HASH_SYS_AND_VALUE = ?", condition,
				index.token("Condition", "code", Codes.ICPC, "A05"))).as("code hash").isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM HFJ_SPIDX_TOKEN WHERE RES_ID = ? AND HASH_SYS_AND_VALUE = ?", condition,
				index.token("Condition", "stage", Codes.BASE + "frailty-status", "mogelijk-kwetsbaar"))).as("stage hash")
				.isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM HFJ_SPIDX_TOKEN WHERE RES_ID = ? AND HASH_VALUE = ?", condition,
				index.tokenValue("Condition", "clinical-status", "active"))).as("status hash").isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM HFJ_SPIDX_DATE WHERE RES_ID = ? AND HASH_IDENTITY = ?"
				+ " AND SP_VALUE_LOW_DATE_ORDINAL = " + SearchIndex.ordinal(recorded), condition,
				index.parameter("Condition", "recorded-date"))).as("date hash and ordinal").isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM HFJ_RES_LINK WHERE SRC_RESOURCE_ID = ? AND TARGET_RESOURCE_ID = ?"
				+ " AND SRC_PATH = 'Condition.subject'", condition, patientPid)).as("subject link").isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM HFJ_RES_LINK WHERE SRC_RESOURCE_ID = ? AND TARGET_RESOURCE_ID = ?"
				+ " AND SRC_PATH = 'Patient.generalPractitioner' AND TARGET_RESOURCE_TYPE = 'Organization'", patientPid,
				pid("Organization", practice))).as("practice link").isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM HFJ_RESOURCE r JOIN HFJ_RES_VER v ON v.RES_ID = r.RES_ID"
				+ " AND v.RES_VER = r.RES_VER WHERE r.RES_ID = ? AND v.RES_ENCODING = 'JSON' AND v.RES_TEXT_VC LIKE ?",
				condition, "%A05%")).as("current version inline as JSON").isEqualTo(1);
	}

	private long pid(String type, String id) {
		return new JdbcTemplate(dataSource).queryForObject(
				"SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = ? AND FHIR_ID = ?", Long.class, type, id);
	}

	private long count(String sql, Object... arguments) {
		return new JdbcTemplate(dataSource).queryForObject(sql, Long.class, arguments);
	}

	private static String create(Resource resource) {
		return fhir().body(Fhir.json(resource)).post("/" + resource.fhirType()).then().statusCode(201).extract()
				.header("Location").replaceAll(".*/" + resource.fhirType() + "/([^/]+)/_history/.*", "$1");
	}
}
