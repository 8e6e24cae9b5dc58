package nl.zorgpad.security;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zorgpad.careteam.CareTeamRole;
import nl.zorgpad.pathway.DiscussionConsent;
import nl.zorgpad.rules.Programme;
import nl.zorgpad.server.SearchIndex;
import nl.zorgpad.server.StoredResources;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Whose data a professional may see (issue 7): the patients in whose active CareTeam their
 * Practitioner or PractitionerRole takes part, and the patients listed at the practice their role
 * works for (Patient.generalPractitioner). A member from the social domain (maatschappelijk werker,
 * welzijn) gets only their care-team patients, and only while the patient's {@code bespreken-kernteam}
 * consent is in force.
 */
final class CareRelations {
	private static final String CS = "https://zorgpad.nl/fhir/CodeSystem/care-team-role";

	/**
	 * The patients (ids) a professional is related to, whether they are from the social domain, and where
	 * the patients of their practice are listed (Organization, PractitionerRole and Practitioner references).
	 */
	record Relation(Set<String> patients, boolean socialDomain, Set<String> listings, AccessPolicy.Work work) {
		static final Relation NONE = new Relation(Set.of(), false, Set.of(), AccessPolicy.Work.NONE);
	}

	private static final String ROLES_OF_PRACTITIONER = """
			SELECT l.SRC_RESOURCE_ID AS PID FROM HFJ_RES_LINK l JOIN HFJ_RESOURCE t ON t.RES_ID = l.TARGET_RESOURCE_ID
			WHERE l.SRC_PATH = 'PractitionerRole.practitioner' AND t.RES_TYPE = 'Practitioner' AND t.FHIR_ID = :id
			""";
	private static final String BY_ID = "SELECT RES_ID AS PID FROM HFJ_RESOURCE WHERE RES_TYPE = :type AND FHIR_ID = :id"
			+ " AND RES_DELETED_AT IS NULL";
	private static final String PRACTITIONER_OF_ROLES = """
			SELECT l.TARGET_RESOURCE_ID AS PID FROM HFJ_RES_LINK l
			WHERE l.SRC_PATH = 'PractitionerRole.practitioner' AND l.SRC_RESOURCE_ID IN (:roles)
			""";
	private static final String ORGANIZATIONS_OF_ROLES = """
			SELECT l.TARGET_RESOURCE_ID AS PID FROM HFJ_RES_LINK l
			WHERE l.SRC_PATH = 'PractitionerRole.organization' AND l.SRC_RESOURCE_ID IN (:roles)
			""";
	private static final String ROLES_OF_ORGANIZATIONS = """
			SELECT l.SRC_RESOURCE_ID AS PID FROM HFJ_RES_LINK l
			WHERE l.SRC_PATH = 'PractitionerRole.organization' AND l.TARGET_RESOURCE_ID IN (:organizations)
			""";
	private static final String REFERENCES = """
			SELECT RES_TYPE, FHIR_ID FROM HFJ_RESOURCE WHERE RES_ID IN (:pids) AND RES_DELETED_AT IS NULL
			""";
	private static final String SOCIAL_ROLES = """
			SELECT t.RES_ID AS PID FROM HFJ_SPIDX_TOKEN t WHERE t.RES_ID IN (:roles) AND t.HASH_SYS_AND_VALUE IN (:social)
			""";
	private static final String TEAM_PATIENTS = """
			SELECT DISTINCT p.FHIR_ID AS ID FROM HFJ_RES_LINK m
			JOIN HFJ_SPIDX_TOKEN s ON s.RES_ID = m.SRC_RESOURCE_ID AND s.HASH_VALUE = :active
			JOIN HFJ_RES_LINK ts ON ts.SRC_RESOURCE_ID = m.SRC_RESOURCE_ID AND ts.SRC_PATH = 'CareTeam.subject'
			JOIN HFJ_RESOURCE p ON p.RES_ID = ts.TARGET_RESOURCE_ID AND p.RES_TYPE = 'Patient'
			WHERE m.SRC_PATH = 'CareTeam.participant.member' AND m.TARGET_RESOURCE_ID IN (:people)
			""";
	private static final String PRACTICE_PATIENTS = """
			SELECT DISTINCT p.FHIR_ID AS ID FROM HFJ_RES_LINK g
			JOIN HFJ_RESOURCE p ON p.RES_ID = g.SRC_RESOURCE_ID AND p.RES_DELETED_AT IS NULL
			WHERE g.SRC_PATH = 'Patient.generalPractitioner' AND g.TARGET_RESOURCE_ID IN (:targets)
			""";

	/**
	 * In one round trip, the work of these people with the patient each item is about: Tasks they own, Tasks
	 * based on referrals they perform, messages they sent or received.
	 */
	private static final String ASSIGNED = """
			SELECT 'Task' AS KIND, t.FHIR_ID AS ID, p.FHIR_ID AS PATIENT FROM HFJ_RES_LINK o
			JOIN HFJ_RESOURCE t ON t.RES_ID = o.SRC_RESOURCE_ID AND t.RES_DELETED_AT IS NULL
			LEFT JOIN HFJ_RES_LINK f ON f.SRC_RESOURCE_ID = t.RES_ID AND f.SRC_PATH = 'Task.for'
			LEFT JOIN HFJ_RESOURCE p ON p.RES_ID = f.TARGET_RESOURCE_ID
			WHERE o.SRC_PATH = 'Task.owner' AND o.TARGET_RESOURCE_ID IN (:people)
			UNION ALL
			SELECT 'Task', t.FHIR_ID, p.FHIR_ID FROM HFJ_RES_LINK r
			JOIN HFJ_RES_LINK b ON b.TARGET_RESOURCE_ID = r.SRC_RESOURCE_ID AND b.SRC_PATH = 'Task.basedOn'
			JOIN HFJ_RESOURCE t ON t.RES_ID = b.SRC_RESOURCE_ID AND t.RES_DELETED_AT IS NULL
			LEFT JOIN HFJ_RES_LINK f ON f.SRC_RESOURCE_ID = t.RES_ID AND f.SRC_PATH = 'Task.for'
			LEFT JOIN HFJ_RESOURCE p ON p.RES_ID = f.TARGET_RESOURCE_ID
			WHERE r.SRC_PATH = 'ServiceRequest.performer' AND r.TARGET_RESOURCE_ID IN (:people)
			UNION ALL
			SELECT 'Communication', c.FHIR_ID, p.FHIR_ID FROM HFJ_RES_LINK m
			JOIN HFJ_RESOURCE c ON c.RES_ID = m.SRC_RESOURCE_ID AND c.RES_DELETED_AT IS NULL
			LEFT JOIN HFJ_RES_LINK s ON s.SRC_RESOURCE_ID = c.RES_ID AND s.SRC_PATH = 'Communication.subject'
			LEFT JOIN HFJ_RESOURCE p ON p.RES_ID = s.TARGET_RESOURCE_ID AND p.RES_TYPE = 'Patient'
			WHERE m.SRC_PATH IN ('Communication.sender', 'Communication.recipient') AND m.TARGET_RESOURCE_ID IN (:people)
			""";
	/** Tasks about these patients. */
	private static final String TASKS_OF_PATIENTS = """
			SELECT t.FHIR_ID AS ID FROM HFJ_RES_LINK f
			JOIN HFJ_RESOURCE t ON t.RES_ID = f.SRC_RESOURCE_ID AND t.RES_DELETED_AT IS NULL
			JOIN HFJ_RESOURCE p ON p.RES_ID = f.TARGET_RESOURCE_ID AND p.RES_TYPE = 'Patient'
			WHERE f.SRC_PATH = 'Task.for' AND p.FHIR_ID IN (:patients)
			""";

	private final SearchIndex index;
	private final Clock clock;
	private final StoredResources store;
	private final DiscussionConsent consent;
	private final Map<String, Long> hashes;
	/** Token hashes of the social-domain disciplines ({@link CareTeamRole#isSocialDomain()}). */
	private final List<Long> socialDomain;

	CareRelations(SearchIndex index, StoredResources store, Clock clock) {
		this.clock = clock;
		this.index = index;
		this.store = store;
		this.consent = new DiscussionConsent(store);
		this.hashes = Map.of("active", index.tokenValue("CareTeam", "status", "active"));
		this.socialDomain = java.util.Arrays.stream(CareTeamRole.values()).filter(CareTeamRole::isSocialDomain)
				.map(role -> index.token("PractitionerRole", "role", CS, role.code())).toList();
	}

	/** The relation of {@code Practitioner/…} or {@code PractitionerRole/…}; nobody for anything else. */
	Relation of(String fhirUser) {
		if (fhirUser == null || !fhirUser.matches("(Practitioner|PractitionerRole)/[A-Za-z0-9\\-.]{1,64}")) {
			return Relation.NONE;
		}
		String type = fhirUser.substring(0, fhirUser.indexOf('/'));
		String id = fhirUser.substring(fhirUser.indexOf('/') + 1);
		Set<Long> roles = new HashSet<>();
		Set<Long> practitioners = new HashSet<>();
		if (type.equals("PractitionerRole")) {
			roles.addAll(pids(BY_ID, new MapSqlParameterSource("type", type).addValue("id", id)));
			if (!roles.isEmpty()) {
				practitioners.addAll(pids(PRACTITIONER_OF_ROLES, new MapSqlParameterSource("roles", roles)));
			}
		} else {
			practitioners.addAll(pids(BY_ID, new MapSqlParameterSource("type", type).addValue("id", id)));
			roles.addAll(pids(ROLES_OF_PRACTITIONER, new MapSqlParameterSource("id", id)));
		}
		Set<Long> people = new HashSet<>(roles);
		people.addAll(practitioners);
		if (people.isEmpty()) {
			return Relation.NONE;
		}
		boolean social = !roles.isEmpty() && !pids(SOCIAL_ROLES,
				new MapSqlParameterSource("roles", roles).addValue("social", socialDomain)).isEmpty();
		Set<String> patients = new HashSet<>(ids(SearchIndex.inline(TEAM_PATIENTS, hashes),
				new MapSqlParameterSource("people", people)));
		if (social) {
			LocalDate today = Programme.today(clock);
			patients.removeIf(patient -> !consent.inForce(patient, today));
			AccessPolicy.Work work = work(people, patients, patient -> consent.inForce(patient, today));
			return new Relation(Set.copyOf(patients), true, Set.of(), work);
		}
		// a patient listed with the practice, with any of its roles, or with this practitioner
		Set<Long> targets = new HashSet<>(people);
		if (!roles.isEmpty()) {
			List<Long> organizations = pids(ORGANIZATIONS_OF_ROLES, new MapSqlParameterSource("roles", roles));
			targets.addAll(organizations);
			if (!organizations.isEmpty()) {
				// the practice's roles, and the practitioners who have them (SearchIndex#PRACTICES_OF_PATIENTS)
				List<Long> practiceRoles = pids(ROLES_OF_ORGANIZATIONS, new MapSqlParameterSource("organizations", organizations));
				targets.addAll(practiceRoles);
				if (!practiceRoles.isEmpty()) {
					targets.addAll(pids(PRACTITIONER_OF_ROLES, new MapSqlParameterSource("roles", practiceRoles)));
				}
			}
		}
		patients.addAll(ids(PRACTICE_PATIENTS, new MapSqlParameterSource("targets", targets)));
		Set<String> listings = new HashSet<>(index.jdbc().query(REFERENCES, new MapSqlParameterSource("pids", targets),
				(row, n) -> row.getString("RES_TYPE") + "/" + row.getString("FHIR_ID")));
		return new Relation(Set.copyOf(patients), false, Set.copyOf(listings), work(people, patients, patient -> true));
	}

	/**
	 * The work assigned to these people about patients outside their relation: Tasks they own, Tasks based on
	 * referrals they perform, and what those name; messages (Communication) they sent or received (see
	 * {@link AccessPolicy.Work}).
	 */
	private AccessPolicy.Work work(Set<Long> people, Set<String> related, java.util.function.Predicate<String> allowed) {
		Set<String> tasks = new HashSet<>();
		Set<String> patients = new HashSet<>();
		Set<String> shown = new HashSet<>();
		index.jdbc().query(ASSIGNED, new MapSqlParameterSource("people", people), (java.sql.ResultSet row) -> {
			String patient = row.getString("PATIENT");
			if (patient != null && !related.contains(patient) && allowed.test(patient)) {
				patients.add(patient);
				if ("Task".equals(row.getString("KIND"))) {
					tasks.add(row.getString("ID"));
				} else {
					shown.add("Communication/" + row.getString("ID")); // a message to or from them
				}
			}
		});
		if (tasks.isEmpty()) {
			return shown.isEmpty() ? AccessPolicy.Work.NONE
					: new AccessPolicy.Work(Set.of(), Set.copyOf(shown), Set.of(), Set.copyOf(patients));
		}
		Set<String> requests = new HashSet<>();
		for (Task task : store.byIds(Task.class, tasks)) {
			shown.add("Task/" + task.getIdElement().getIdPart());
			List<Reference> named = new java.util.ArrayList<>(task.getBasedOn());
			named.add(task.getFor());
			named.add(task.getFocus());
			task.getInput().stream().filter(input -> input.getValue() instanceof Reference)
					.forEach(input -> named.add((Reference) input.getValue()));
			for (Reference reference : named) {
				String type = reference.getReferenceElement().getResourceType();
				String id = reference.getReferenceElement().getIdPart();
				if (type != null && id != null) {
					shown.add(type + "/" + id);
					if (type.equals("ServiceRequest")) {
						requests.add(id);
					}
				}
			}
		}
		for (ServiceRequest request : store.byIds(ServiceRequest.class, requests)) {
			request.getSupportingInfo().stream().map(Reference::getReferenceElement)
					.filter(reference -> reference.getResourceType() != null && reference.getIdPart() != null)
					.forEach(reference -> shown.add(reference.getResourceType() + "/" + reference.getIdPart()));
		}
		Set<String> relatedTasks = related.isEmpty() ? Set.of() : Set.copyOf(ids(TASKS_OF_PATIENTS,
				new MapSqlParameterSource("patients", related)));
		return new AccessPolicy.Work(Set.copyOf(tasks), Set.copyOf(shown), relatedTasks, Set.copyOf(patients));
	}

	private List<Long> pids(String sql, MapSqlParameterSource parameters) {
		return index.jdbc().query(sql, parameters, (row, n) -> row.getLong("PID"));
	}

	private List<String> ids(String sql, MapSqlParameterSource parameters) {
		return index.jdbc().query(sql, parameters, (row, n) -> row.getString("ID"));
	}
}
