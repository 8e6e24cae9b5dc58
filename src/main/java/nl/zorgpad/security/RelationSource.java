package nl.zorgpad.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The facts care relations are made of (the port; {@code store/RelationSql} reads them from HAPI's tables). Keys
 * are database ids of resources ({@code pid}); patients are named by their FHIR id.
 */
public interface RelationSource {
	/**
	 * The resource types the facts below are read from: a write of any of them may change someone's relation
	 * (the Consent of the social domain's access included).
	 */
	Set<String> TYPES = Set.of("Patient", "Practitioner", "PractitionerRole", "Organization", "CareTeam", "Consent",
			"Task", "ServiceRequest", "Communication");

	/**
	 * One item of work assigned to someone: a Task, a ServiceRequest (a referral they perform) or a Communication,
	 * and the patient it is about (null: none).
	 */
	record Assigned(String kind, String id, String patient) {}

	/** The database id of a resource, if it exists. */
	List<Long> resource(String type, String id);

	List<Long> practitionersOfRoles(Collection<Long> roles);

	List<Long> rolesOfPractitioner(String practitionerId);

	List<Long> organizationsOfRoles(Collection<Long> roles);

	/** The PractitionerRoles at these organizations and the Practitioners who have them. */
	List<Long> membersOfOrganizations(Collection<Long> organizations);

	/** Whether any of these PractitionerRoles has a social-domain discipline. */
	boolean anyInTheSocialDomain(Collection<Long> roles);

	/** Patients in whose active CareTeam any of these people takes part. */
	Set<String> teamPatients(Collection<Long> people);

	/** Patients whose generalPractitioner is any of these (Organizations, PractitionerRoles, Practitioners). */
	Set<String> listedWith(Collection<Long> targets);

	/** {@code Type/id} of these resources. */
	Set<String> references(Collection<Long> pids);

	/**
	 * The Tasks these people own or perform the referral of, the referrals they perform, and the messages they
	 * sent or received.
	 */
	List<Assigned> assignedTo(Collection<Long> people);

	/** The Tasks and ServiceRequests about these patients, as {@code Type/id}. */
	Set<String> workOf(Collection<String> patients);

	/** How many committed writes have changed care relations, on any server using this database. */
	long changes();

	/**
	 * Counts one change in the current transaction, after everything it writes (so the count and the change
	 * commit together, and the count's row lock is the last lock the transaction takes).
	 */
	void countChange();
}
