package nl.zorgpad.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Set;
import nl.zorgpad.security.SmartScopes.Context;
import nl.zorgpad.security.SmartScopes.Interaction;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * HAPI's AuthorizationInterceptor with rules built per request from the caller's token (issue 7).
 * HAPI applies them to every request and to every resource in a response — search results,
 * {@code _include}/{@code _revinclude}, {@code $everything}, history and later pages — and answers 403
 * with an OperationOutcome when something is not allowed, so nothing leaks through a side door.
 * <ul>
 * <li>system clients: what their {@code system/} scopes allow, on any resource; the population
 * operations with read access to Patient;</li>
 * <li>professionals ({@code user/} scopes, {@code fhirUser}): only their related patients' data
 * ({@link CareRelations}); the social domain only the shared plan, team, goals and meetings;</li>
 * <li>patients ({@code patient/} scopes): their own care plan, care team, goals and scores;</li>
 * <li>the audit trail has no write interactions at all ({@link AuditEventProvider}); reading it:
 * {@link AuditEventAccess}.</li>
 * </ul>
 */
final class SmartAuthorization extends AuthorizationInterceptor {
	/** What a patient may read of their own record. */
	static final Set<String> PATIENT_READABLE = Set.of("Patient", "CarePlan", "CareTeam", "Goal", "Observation");
	/** What a member from the social domain may read and write of a related patient (not the medical record). */
	static final Set<String> SOCIAL_DOMAIN = Set.of("Patient", "CarePlan", "CareTeam", "Goal", "Encounter");
	/** Resource types that describe no patient: readable with a read scope on them. */
	static final Set<String> DIRECTORY = Set.of("Practitioner", "PractitionerRole", "Organization", "Location",
			"HealthcareService", "Medication", "Questionnaire", "StructureDefinition", "CodeSystem", "ValueSet",
			"NamingSystem", "SearchParameter", "OperationDefinition");
	private static final List<String> PATIENT_DATA = List.of("Patient", "Condition", "Consent", "Encounter",
			"CareTeam", "CarePlan", "Goal", "QuestionnaireResponse", "Observation", "EpisodeOfCare", "ServiceRequest",
			"MedicationStatement", "MedicationRequest", "RelatedPerson", "AllergyIntolerance", "Procedure",
			"DocumentReference", "Flag", "Communication", "Task", "Appointment", "DiagnosticReport");
	/** Population operations on the server (besides {@code Patient/$screening-list}). */
	private static final List<String> SERVER_REPORTS = List.of("$worklist", "$monitoring-report");

	private final CareRelations relations;

	SmartAuthorization(CareRelations relations) {
		super(PolicyEnum.DENY);
		this.relations = relations;
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		Caller caller = Caller.current();
		IAuthRuleBuilder rules = new RuleBuilder().allow("metadata").metadata().andThen();
		if (caller == null) {
			return rules.denyAll("no token").build();
		}
		SmartScopes scopes = caller.scopes();
		rules = rules.allow("transactions").transaction().withAnyOperation().andApplyNormalRules().andThen();
		if (scopes.has(Context.SYSTEM)) {
			rules = system(rules, scopes);
		}
		if (scopes.has(Context.USER)) {
			rules = professional(rules, scopes, relations.of(caller.fhirUser()));
		}
		if (scopes.has(Context.PATIENT) && caller.patientId() != null) {
			rules = patient(rules, scopes, new IdType("Patient", caller.patientId()));
		}
		return rules.denyAll("not within the token's scopes or care relationships").build();
	}

	private static IAuthRuleBuilder system(IAuthRuleBuilder rules, SmartScopes scopes) {
		for (SmartScopes.Scope scope : scopes.scopes()) {
			if (scope.context() != Context.SYSTEM) {
				continue;
			}
			boolean all = "*".equals(scope.resourceType());
			Set<Interaction> can = scope.interactions();
			if (can.contains(Interaction.READ) || can.contains(Interaction.SEARCH)) {
				rules = all ? rules.allow().read().allResources().withAnyId().andThen()
						: rules.allow().read().resourcesOfType(scope.resourceType()).withAnyId().andThen();
			}
			if (can.contains(Interaction.UPDATE)) {
				rules = all ? rules.allow().write().allResources().withAnyId().andThen()
						: rules.allow().write().resourcesOfType(scope.resourceType()).withAnyId().andThen();
			} else if (can.contains(Interaction.CREATE)) {
				rules = all ? rules.allow().create().allResources().withAnyId().andThen()
						: rules.allow().create().resourcesOfType(scope.resourceType()).withAnyId().andThen();
			}
			if (can.contains(Interaction.DELETE)) {
				rules = all ? rules.allow().delete().allResources().withAnyId().andThen()
						: rules.allow().delete().resourcesOfType(scope.resourceType()).withAnyId().andThen();
			}
		}
		if (scopes.allows(Context.SYSTEM, "Patient", Interaction.READ)) {
			rules = rules.allow().operation().named("$screening-list").onType(Patient.class).andAllowAllResponses().andThen();
			for (String operation : SERVER_REPORTS) {
				rules = rules.allow().operation().named(operation).onServer().andAllowAllResponses().andThen();
			}
			rules = rules.allow().operation().named("$pathway").onInstancesOfType(Patient.class).andAllowAllResponses()
					.andThen()
					.allow().operation().named("$everything").onInstancesOfType(Patient.class)
					.andRequireExplicitResponseAuthorization().andThen();
		}
		return rules;
	}

	private static IAuthRuleBuilder professional(IAuthRuleBuilder rules, SmartScopes scopes,
			CareRelations.Relation relation) {
		for (String type : DIRECTORY) {
			if (scopes.allows(Context.USER, type, Interaction.READ) || scopes.allows(Context.USER, type, Interaction.SEARCH)) {
				rules = rules.allow().read().resourcesOfType(type).withAnyId().andThen();
			}
		}
		if (relation.patients().isEmpty()) {
			return rules;
		}
		List<IIdType> patients = relation.patients().stream().map(id -> (IIdType) new IdType("Patient", id)).toList();
		for (String type : relation.socialDomain() ? List.copyOf(SOCIAL_DOMAIN) : PATIENT_DATA) {
			if (scopes.allows(Context.USER, type, Interaction.READ) || scopes.allows(Context.USER, type, Interaction.SEARCH)) {
				rules = rules.allow().read().resourcesOfType(type).inCompartment("Patient", patients).andThen();
			}
			if (scopes.allows(Context.USER, type, Interaction.UPDATE) || scopes.allows(Context.USER, type, Interaction.CREATE)) {
				rules = rules.allow().write().resourcesOfType(type).inCompartment("Patient", patients).andThen();
			}
			if (scopes.allows(Context.USER, type, Interaction.DELETE)) {
				rules = rules.allow().delete().resourcesOfType(type).inCompartment("Patient", patients).andThen();
			}
		}
		if (!relation.socialDomain() && scopes.allows(Context.USER, "Patient", Interaction.READ)) {
			// $pathway shows frailty status and scores: the medical record, not for the social domain
			rules = rules.allow().operation().named("$pathway").onInstances(patients).andAllowAllResponses().andThen()
					.allow().operation().named("$everything").onInstances(patients)
					.andRequireExplicitResponseAuthorization().andThen();
		}
		return rules;
	}

	private static IAuthRuleBuilder patient(IAuthRuleBuilder rules, SmartScopes scopes, IdType patient) {
		for (String type : PATIENT_READABLE) {
			if (scopes.allows(Context.PATIENT, type, Interaction.READ) || scopes.allows(Context.PATIENT, type, Interaction.SEARCH)) {
				rules = rules.allow().read().resourcesOfType(type).inCompartment("Patient", patient).andThen();
			}
		}
		return rules;
	}
}
