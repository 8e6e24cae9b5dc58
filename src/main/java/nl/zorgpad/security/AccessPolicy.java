package nl.zorgpad.security;

import java.util.Set;
import nl.zorgpad.rules.PureDomain;

/**
 * Who may read and write which patient's data: the one home of the access model (issue 11). Scopes
 * decide the resource types and interactions ({@link SmartScopes}, applied by {@link SmartAuthorization});
 * this policy decides, per resource, whether it is about a patient the caller is related to. A resource
 * is judged only by the patient(s) it is <em>about</em> (its subject / patient element, see
 * {@link nl.zorgpad.server.PatientOf}), never by any other reference it carries.
 * <ul>
 * <li>a system client reads and writes whatever its scopes allow;</li>
 * <li>a professional reads and writes the medical record of related patients ({@link CareRelations});
 * a new Patient only when it is listed at the professional's own practice;</li>
 * <li>the social domain reads a related patient's Patient, CarePlan, CareTeam, Goal and meetings, and
 * writes plans, goals and meetings — never a CareTeam (it cannot enrol anyone) nor medical data;</li>
 * <li>a patient reads her own Patient, CarePlan, CareTeam, Goal and Observation, and who accessed her record
 * (AuditEvent), and writes nothing.</li>
 * </ul>
 */
@PureDomain
final class AccessPolicy {
	/** What a patient may read of their own record (and who accessed it: AuditEvent). */
	static final Set<String> PATIENT_READABLE = Set.of("Patient", "CarePlan", "CareTeam", "Goal", "Observation",
			"AuditEvent");
	/** What the social domain may read of a related patient (Encounters: only meetings). */
	static final Set<String> SOCIAL_READABLE = Set.of("Patient", "CarePlan", "CareTeam", "Goal", "Encounter");
	/** What the social domain may write of a related patient. */
	static final Set<String> SOCIAL_WRITABLE = Set.of("CarePlan", "Goal", "Encounter");
	/** Resource types that describe no patient: readable by every professional with a read scope on them. */
	static final Set<String> DIRECTORY = Set.of("Practitioner", "PractitionerRole", "Organization", "Location",
			"HealthcareService", "Medication", "Questionnaire", "StructureDefinition", "CodeSystem", "ValueSet",
			"NamingSystem", "SearchParameter", "OperationDefinition");
	/** The patient record: resource types a professional may read and write for a related patient. */
	static final Set<String> PATIENT_DATA = Set.of("Patient", "Condition", "Consent", "Encounter", "CareTeam",
			"CarePlan", "Goal", "QuestionnaireResponse", "Observation", "EpisodeOfCare", "ServiceRequest",
			"MedicationStatement", "MedicationRequest", "RelatedPerson", "AllergyIntolerance", "Procedure",
			"DocumentReference", "Flag", "Communication", "Task", "Appointment", "DiagnosticReport");

	/** How the caller relates to patients. */
	enum Role {
		/** A system client: scopes only. */
		SYSTEM,
		/** A care professional (GP, POH, district nurse, elderly-care physician, …). */
		PROFESSIONAL,
		/** A member from the social domain (maatschappelijk werker, welzijn). */
		SOCIAL_DOMAIN,
		/** A patient reading her own record. */
		PATIENT,
		/** A token that relates to nobody. */
		NOBODY
	}

	/**
	 * The caller as the policy sees it.
	 *
	 * @param role how the caller relates to patients
	 * @param patients ids of the patients the caller is related to (for a patient: herself)
	 * @param listings where the patients of a professional's practice are listed ({@code Organization/…},
	 *        {@code PractitionerRole/…}, {@code Practitioner/…})
	 * @param work what the caller sees because work was assigned to them, beyond their related patients
	 * @param self the caller's own reference (the token's {@code fhirUser}; null when none): whose Subscriptions
	 *        are theirs
	 */
	record Viewer(Role role, Set<String> patients, Set<String> listings, Work work, String self) {
		static final Viewer SYSTEM = new Viewer(Role.SYSTEM, Set.of(), Set.of());
		static final Viewer NOBODY = new Viewer(Role.NOBODY, Set.of(), Set.of());

		Viewer(Role role, Set<String> patients, Set<String> listings) {
			this(role, patients, listings, Work.NONE, null);
		}

		boolean narrowed() {
			return role != Role.SYSTEM;
		}
	}

	/**
	 * Work assigned to a professional for patients outside their relation (SPEC: access follows the work): the
	 * Tasks they own, the referrals (ServiceRequests) they perform and the Tasks based on them; the messages
	 * (Communication) sent to or by them.
	 *
	 * @param tasks ids of the Tasks assigned to them: the caller may read them and report progress on them
	 * @param shown references ({@code Type/id}) the caller may read for that work: the Tasks, the requests and
	 *        plans they are based on, the referrals they perform, what Tasks and requests name as focus, input or
	 *        supporting information, the patient they are for, and the messages
	 * @param related references ({@code Type/id}) of the Tasks and ServiceRequests about the caller's related
	 *        patients (with {@code shown}: what a Task or ServiceRequest search of this caller may meet)
	 * @param patients the patients that work is about: what it names is shown only when it is about them (a
	 *        Task cannot open another patient's record by naming it)
	 */
	record Work(Set<String> tasks, Set<String> shown, Set<String> related, Set<String> patients) {
		static final Work NONE = new Work(Set.of(), Set.of(), Set.of(), Set.of());

		boolean isEmpty() {
			return tasks.isEmpty() && shown.isEmpty();
		}

		/**
		 * The ids a search of this type may meet when work beyond the relation is of this type: the work shown and
		 * the same type about related patients; empty when no such work is (the patient compartment narrows then).
		 */
		Set<String> searchable(String type) {
			if (!"Task".equals(type) && !"ServiceRequest".equals(type)) {
				return Set.of();
			}
			String prefix = type + "/";
			Set<String> ids = new java.util.TreeSet<>();
			shown.stream().filter(reference -> reference.startsWith(prefix))
					.forEach(reference -> ids.add(reference.substring(prefix.length())));
			if (!ids.isEmpty()) {
				related.stream().filter(reference -> reference.startsWith(prefix))
						.forEach(reference -> ids.add(reference.substring(prefix.length())));
			}
			return ids;
		}
	}

	/**
	 * A resource as the policy sees it.
	 *
	 * @param type resource type
	 * @param id its id (null for a resource not stored yet)
	 * @param about ids of the patients it is about (empty: about nobody)
	 * @param meeting whether it is a meeting (an Encounter with a meeting type)
	 * @param subscriber for a Subscription: who made it (see {@code SubscriptionGuard}); else null
	 */
	record Subject(String type, String id, Set<String> about, boolean meeting, String subscriber) {
		Subject(String type, String id, Set<String> about, boolean meeting) {
			this(type, id, about, meeting, null);
		}
	}

	private AccessPolicy() {}

	/** The resource types of patient data a role may read (about related patients only). */
	static Set<String> readableTypes(Role role) {
		return switch (role) {
			case SYSTEM, PROFESSIONAL -> PATIENT_DATA;
			case SOCIAL_DOMAIN -> SOCIAL_READABLE;
			case PATIENT -> PATIENT_READABLE;
			case NOBODY -> Set.of();
		};
	}

	/** Whether the viewer may see this resource (the scopes having allowed its type). */
	static boolean mayRead(Viewer viewer, Subject subject) {
		if (viewer.role() == Role.SYSTEM) {
			return true;
		}
		if (DIRECTORY.contains(subject.type())) {
			return true;
		}
		if (subject.id() != null && viewer.work().shown().contains(subject.type() + "/" + subject.id())
				&& viewer.work().patients().containsAll(subject.about())) {
			return true;
		}
		if ("Subscription".equals(subject.type())) {
			return isOwnSubscription(viewer, subject);
		}
		if (!readableTypes(viewer.role()).contains(subject.type())) {
			return false;
		}
		if (viewer.role() == Role.SOCIAL_DOMAIN && "Encounter".equals(subject.type()) && !subject.meeting()) {
			return false;
		}
		return related(viewer, subject);
	}

	/**
	 * Whether the viewer may store this resource (new or changed version) or delete it.
	 *
	 * @param listedHere for a Patient: whether it is listed at the viewer's own practice (a new patient
	 *        of the practice)
	 */
	static boolean mayWrite(Viewer viewer, Subject subject, boolean listedHere) {
		if (viewer.role() != Role.SYSTEM && "Subscription".equals(subject.type())) {
			return isOwnSubscription(viewer, subject);
		}
		return switch (viewer.role()) {
			case SYSTEM -> true;
			case PATIENT, NOBODY -> false;
			case SOCIAL_DOMAIN -> SOCIAL_WRITABLE.contains(subject.type())
					&& (!"Encounter".equals(subject.type()) || subject.meeting()) && related(viewer, subject);
			case PROFESSIONAL -> PATIENT_DATA.contains(subject.type())
					&& (related(viewer, subject) || "Patient".equals(subject.type()) && listedHere);
		};
	}

	/**
	 * Whether the viewer may report progress on this Task without being related to its patient: it is work
	 * assigned to them (see {@link Work}); which elements progress may change is {@code TaskProgress}'s business.
	 */
	static boolean mayReportProgress(Viewer viewer, Subject subject) {
		return (viewer.role() == Role.PROFESSIONAL || viewer.role() == Role.SOCIAL_DOMAIN)
				&& "Task".equals(subject.type()) && subject.id() != null && viewer.work().tasks().contains(subject.id());
	}

	/** A professional's own Subscription (what it may notify about is {@code SubscriptionGuard}'s business). */
	private static boolean isOwnSubscription(Viewer viewer, Subject subject) {
		return (viewer.role() == Role.PROFESSIONAL || viewer.role() == Role.SOCIAL_DOMAIN) && viewer.self() != null
				&& viewer.self().equals(subject.subscriber());
	}

	private static boolean related(Viewer viewer, Subject subject) {
		return !subject.about().isEmpty() && viewer.patients().containsAll(subject.about());
	}
}
