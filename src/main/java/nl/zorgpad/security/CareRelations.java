package nl.zorgpad.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.pathway.DiscussionConsent;
import nl.zorgpad.rules.Programme;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * Whose data a professional may see (issue 7): the patients in whose active CareTeam their
 * Practitioner or PractitionerRole takes part, and the patients listed at the practice their role
 * works for (Patient.generalPractitioner). A member from the social domain (maatschappelijk werker,
 * welzijn) gets only their care-team patients, and only while the patient's {@code bespreken-kernteam}
 * consent is in force.
 *
 * <p>Working a relation out takes some ten queries, so it is kept per professional while nothing it is made of
 * changed: the kept relation is used only while the database's count of relation changes
 * ({@link RelationChanges}, shared by all replicas) and the date are those it was worked out at. A change made
 * outside the server (SQL by hand) is seen within {@link #KEPT_AT_MOST}.
 */
final class CareRelations {
	static final Duration KEPT_AT_MOST = Duration.ofMinutes(1);

	/**
	 * The patients (ids) a professional is related to, whether they are from the social domain, and where
	 * the patients of their practice are listed (Organization, PractitionerRole and Practitioner references).
	 */
	record Relation(Set<String> patients, boolean socialDomain, Set<String> listings, AccessPolicy.Work work) {
		static final Relation NONE = new Relation(Set.of(), false, Set.of(), AccessPolicy.Work.NONE);
	}

	private final RelationSource facts;
	private final Clock clock;
	private final ResourceStore store;
	private final DiscussionConsent consent;
	private final Cache<String, Kept> kept = Caffeine.newBuilder().maximumSize(10_000)
			.expireAfterWrite(KEPT_AT_MOST).build();

	/** A relation with the count of relation changes and the date it was worked out at. */
	private record Kept(long changes, LocalDate day, Relation relation) {}

	CareRelations(RelationSource facts, ResourceStore store, Clock clock) {
		this.facts = facts;
		this.clock = clock;
		this.store = store;
		this.consent = new DiscussionConsent(store);
	}

	/** The relation of {@code Practitioner/…} or {@code PractitionerRole/…}; nobody for anything else. */
	Relation of(String fhirUser) {
		if (fhirUser == null || !fhirUser.matches("(Practitioner|PractitionerRole)/[A-Za-z0-9\\-.]{1,64}")) {
			return Relation.NONE;
		}
		long changes = facts.changes(); // before reading: what is read is at least this recent
		LocalDate today = Programme.today(clock);
		Kept known = kept.getIfPresent(fhirUser);
		if (known != null && known.changes() == changes && known.day().equals(today)) {
			return known.relation();
		}
		Relation relation = workOut(fhirUser, today);
		kept.put(fhirUser, new Kept(changes, today, relation));
		return relation;
	}

	private Relation workOut(String fhirUser, LocalDate today) {
		String type = fhirUser.substring(0, fhirUser.indexOf('/'));
		String id = fhirUser.substring(fhirUser.indexOf('/') + 1);
		Set<Long> roles = new HashSet<>();
		Set<Long> practitioners = new HashSet<>();
		if (type.equals("PractitionerRole")) {
			roles.addAll(facts.resource(type, id));
			practitioners.addAll(facts.practitionersOfRoles(roles));
		} else {
			practitioners.addAll(facts.resource(type, id));
			roles.addAll(facts.rolesOfPractitioner(id));
		}
		Set<Long> people = new HashSet<>(roles);
		people.addAll(practitioners);
		if (people.isEmpty()) {
			return Relation.NONE;
		}
		boolean social = facts.anyInTheSocialDomain(roles);
		Set<String> patients = new HashSet<>(facts.teamPatients(people));
		if (social) {
			patients.removeIf(patient -> !consent.inForce(patient, today));
			AccessPolicy.Work work = work(people, patients, patient -> consent.inForce(patient, today));
			return new Relation(Set.copyOf(patients), true, Set.of(), work);
		}
		// a patient listed with the practice, with any of its roles, or with this practitioner
		Set<Long> targets = new HashSet<>(people);
		// the practice's roles, and the practitioners who have them (the practice of a patient, docs/pathway.md)
		List<Long> organizations = facts.organizationsOfRoles(roles);
		targets.addAll(organizations);
		targets.addAll(facts.membersOfOrganizations(organizations));
		patients.addAll(facts.listedWith(targets));
		Set<String> listings = facts.references(targets);
		return new Relation(Set.copyOf(patients), false, Set.copyOf(listings), work(people, patients, patient -> true));
	}

	/**
	 * The work assigned to these people about patients outside their relation: Tasks they own, referrals they
	 * perform and the Tasks based on them, and what those name; messages (Communication) they sent or received
	 * (see {@link AccessPolicy.Work}).
	 */
	private AccessPolicy.Work work(Set<Long> people, Set<String> related, java.util.function.Predicate<String> allowed) {
		Set<String> tasks = new HashSet<>();
		Set<String> requests = new HashSet<>();
		Set<String> patients = new HashSet<>();
		Set<String> shown = new HashSet<>();
		for (RelationSource.Assigned item : facts.assignedTo(people)) {
			String patient = item.patient();
			if (patient != null && !related.contains(patient) && allowed.test(patient)) {
				patients.add(patient);
				switch (item.kind()) {
					case "Task" -> tasks.add(item.id());
					case "ServiceRequest" -> {
						requests.add(item.id());
						shown.add("Patient/" + patient);
					}
					default -> shown.add("Communication/" + item.id()); // a message to or from them
				}
			}
		}
		if (tasks.isEmpty() && requests.isEmpty()) {
			return shown.isEmpty() ? AccessPolicy.Work.NONE
					: new AccessPolicy.Work(Set.of(), Set.copyOf(shown), Set.of(), Set.copyOf(patients));
		}
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
			shown.add("ServiceRequest/" + request.getIdElement().getIdPart());
			request.getSupportingInfo().stream().map(Reference::getReferenceElement)
					.filter(reference -> reference.getResourceType() != null && reference.getIdPart() != null)
					.forEach(reference -> shown.add(reference.getResourceType() + "/" + reference.getIdPart()));
		}
		return new AccessPolicy.Work(Set.copyOf(tasks), Set.copyOf(shown), Set.copyOf(facts.workOf(related)),
				Set.copyOf(patients));
	}
}
