package nl.zorgpad.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderOperationNamed;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderOperationNamedAndScoped;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.security.AccessPolicy.Viewer;
import nl.zorgpad.security.SmartScopes.Context;
import nl.zorgpad.security.SmartScopes.Interaction;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * HAPI's AuthorizationInterceptor with rules built per request from the caller's token: the SMART scopes
 * decide which resource types and interactions a caller may use at all (403 otherwise). Which patients'
 * data a professional or patient reaches is decided by the {@link AccessPolicy}: searches are narrowed
 * ({@link SearchAccess}), every resource shown is checked ({@link RelatedPatientsConsent}), every write is
 * checked at storage ({@link WriteGuard}). Custom operations are allowed as they declare themselves
 * ({@link OperationDeclaration}): only with read scopes on every type they show; population operations only
 * for system clients; operations on a patient's record also for professionals, on their related patients'
 * instances only.
 */
final class SmartAuthorization extends AuthorizationInterceptor {
	/** Terminology operations: they show only the code system or value set, so its read scope suffices. */
	private static final Map<Class<? extends IBaseResource>, List<String>> TERMINOLOGY = Map.of(
			CodeSystem.class, List.of("$lookup", "$validate-code", "$subsumes"),
			ValueSet.class, List.of("$expand", "$validate-code"));

	private static final int MAX_SCOPE_SETS = 256;

	private final Viewers viewers;
	private final List<OperationDeclaration> operations;
	private final Map<SmartScopes, List<IAuthRule>> systemRules = new ConcurrentHashMap<>();

	SmartAuthorization(Viewers viewers, List<OperationDeclaration> operations) {
		super(PolicyEnum.DENY);
		this.viewers = viewers;
		this.operations = List.copyOf(operations);
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		Caller caller = Caller.current();
		if (caller == null) {
			return new RuleBuilder().allow("metadata").metadata().andThen().denyAll("no token").build();
		}
		SmartScopes scopes = caller.scopes();
		Viewer viewer = viewers.of(request);
		if (viewer.role() == AccessPolicy.Role.SYSTEM) {
			if (systemRules.size() > MAX_SCOPE_SETS) {
				systemRules.clear();
			}
			return systemRules.computeIfAbsent(scopes, this::systemRules);
		}
		IAuthRuleBuilder rules = related(everyone(scopes), scopes,
				viewer.role() == AccessPolicy.Role.PATIENT ? Context.PATIENT : Context.USER, viewer, request, operations);
		return rules.denyAll("not within the token's scopes").build();
	}

	/** What every caller with a token may do: read the CapabilityStatement, send transactions, use terminology. */
	private static IAuthRuleBuilder everyone(SmartScopes scopes) {
		return validation(terminology(new RuleBuilder().allow("metadata").metadata().andThen()
				.allow("transactions").transaction().withAnyOperation().andApplyNormalRules().andThen(), scopes), scopes);
	}

	/**
	 * {@code Type/$validate} shows nothing stored, only what is wrong with the resource sent, so a read scope on
	 * the type suffices (in any context).
	 */
	private static IAuthRuleBuilder validation(IAuthRuleBuilder rules, SmartScopes scopes) {
		FhirContext fhir = FhirContext.forR4Cached();
		for (SmartScopes.Scope scope : scopes.scopes()) {
			String type = scope.resourceType();
			if (!scope.interactions().contains(Interaction.READ)) {
				continue;
			}
			if ("*".equals(type)) {
				rules = rules.allow().operation().named("$validate").onAnyType().andAllowAllResponses().andThen();
			} else if (fhir.getResourceTypes().contains(type)) {
				rules = rules.allow().operation().named("$validate")
						.onType(fhir.getResourceDefinition(type).getImplementingClass()).andAllowAllResponses().andThen();
			}
		}
		return rules;
	}

	/**
	 * A system client's rules follow from its scopes alone, so they are built once per set of scopes (HAPI's
	 * rules hold no per-request state); building them for every request was 3 % of a read.
	 */
	private List<IAuthRule> systemRules(SmartScopes scopes) {
		return List.copyOf(system(everyone(scopes), scopes, operations).denyAll("not within the token's scopes").build());
	}

	private static IAuthRuleBuilder system(IAuthRuleBuilder rules, SmartScopes scopes,
			List<OperationDeclaration> operations) {
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
		for (OperationDeclaration operation : operations) {
			if (mayRun(scopes, Context.SYSTEM, operation)) {
				IAuthRuleBuilderOperationNamed named = rules.allow().operation().named(operation.name());
				rules = answers(operation, switch (operation.level()) {
					case SERVER -> named.onServer();
					case TYPE -> named.onType(operation.type());
					case INSTANCE -> named.onInstancesOfType(operation.type());
				});
			}
		}
		return bulkExport(rules, scopes);
	}

	/**
	 * Bulk Data export ({@code $export} on the server and on Patient; on a Group with {@code system/*}) for
	 * system clients, of the resource types their scopes let them read; polling and the NDJSON files (Binary)
	 * follow the same scopes.
	 */
	private static IAuthRuleBuilder bulkExport(IAuthRuleBuilder rules, SmartScopes scopes) {
		Set<String> readable = new TreeSet<>();
		boolean all = false;
		for (SmartScopes.Scope scope : scopes.scopes()) {
			if (scope.context() == Context.SYSTEM && scope.interactions().contains(Interaction.READ)) {
				all |= "*".equals(scope.resourceType());
				readable.add(scope.resourceType());
			}
		}
		if (readable.isEmpty()) {
			return rules;
		}
		// first the export asked for (style and types, judged at STORAGE_INITIATE_BULK_EXPORT, where the rule
		// allowing the $export request itself would otherwise answer first), then the request itself
		if (all) {
			rules = rules.allow().bulkExport().any().andThen()
					.allow().operation().named("$export").onInstancesOfType(org.hl7.fhir.r4.model.Group.class)
					.andAllowAllResponses().andThen();
		} else {
			rules = rules.allow().bulkExport().systemExport().withResourceTypes(readable).andThen()
					.allow().bulkExport().patientExportOnAllPatients().withResourceTypes(readable).andThen();
		}
		return rules.allow().operation().named("$export").onServer().andAllowAllResponses().andThen()
				.allow().operation().named("$export").onType(Patient.class).andAllowAllResponses().andThen()
				.allow().operation().named("$export-poll-status").onServer().andAllowAllResponses().andThen();
	}

	private static IAuthRuleBuilder terminology(IAuthRuleBuilder rules, SmartScopes scopes) {
		for (Map.Entry<Class<? extends IBaseResource>, List<String>> type : TERMINOLOGY.entrySet()) {
			String name = type.getKey().getSimpleName();
			boolean readable = java.util.Arrays.stream(Context.values())
					.anyMatch(context -> scopes.allows(context, name, Interaction.READ));
			for (String operation : readable ? type.getValue() : List.<String>of()) {
				rules = rules.allow().operation().named(operation).onType(type.getKey()).andAllowAllResponses().andThen()
						.allow().operation().named(operation).onInstancesOfType(type.getKey()).andAllowAllResponses()
						.andThen();
			}
		}
		return rules;
	}

	/** Whether the scopes allow reading everything the operation shows. */
	private static boolean mayRun(SmartScopes scopes, Context context, OperationDeclaration operation) {
		return operation.shows().stream().allMatch(type -> scopes.allows(context, type, Interaction.READ));
	}

	/** An operation's own answer is allowed as a whole; stored resources it returns are checked one by one. */
	private static IAuthRuleBuilder answers(OperationDeclaration operation, IAuthRuleBuilderOperationNamedAndScoped scoped) {
		return operation.answer() == OperationDeclaration.Answer.COMPOSED ? scoped.andAllowAllResponses().andThen()
				: scoped.andRequireExplicitResponseAuthorization().andThen();
	}

	/** Professionals and patients: their scopes by type; the patients are the policy's business. */
	private static IAuthRuleBuilder related(IAuthRuleBuilder rules, SmartScopes scopes, Context context, Viewer viewer,
			RequestDetails request, List<OperationDeclaration> operations) {
		Set<String> types = new TreeSet<>(AccessPolicy.readableTypes(viewer.role()));
		if (context == Context.USER) {
			types.addAll(AccessPolicy.DIRECTORY);
			types.add("Subscription"); // their own (SubscriptionGuard: narrowed, stamped with the owner)
		}
		// the requested type's rules first: HAPI parses a search's whole _id list (the narrowed search of a
		// practice: hundreds of ids) again for every read rule it tries, and stops at the first that allows
		List<String> readable = new java.util.ArrayList<>(types);
		if (readable.remove(request.getResourceName())) {
			readable.add(0, request.getResourceName());
		}
		for (String type : readable) {
			if (scopes.allows(context, type, Interaction.READ) || scopes.allows(context, type, Interaction.SEARCH)) {
				rules = rules.allow().read().resourcesOfType(type).withAnyId().andThen();
			}
			if (context != Context.USER || !AccessPolicy.PATIENT_DATA.contains(type) && !"Subscription".equals(type)) {
				continue;
			}
			if (scopes.allows(context, type, Interaction.UPDATE)) {
				rules = rules.allow().write().resourcesOfType(type).withAnyId().andThen();
			} else if (scopes.allows(context, type, Interaction.CREATE)) {
				rules = rules.allow().create().resourcesOfType(type).withAnyId().andThen();
			}
			if (scopes.allows(context, type, Interaction.DELETE)) {
				rules = rules.allow().delete().resourcesOfType(type).withAnyId().andThen();
			}
		}
		if (viewer.role() == AccessPolicy.Role.PROFESSIONAL && request.getOperation() != null
				&& !viewer.patients().isEmpty()) {
			// operations on a patient's record show the medical record: not for the social domain
			List<IIdType> patients = viewer.patients().stream().map(id -> (IIdType) new IdType("Patient", id)).toList();
			for (OperationDeclaration operation : operations) {
				if (operation.audience() == OperationDeclaration.Audience.PATIENT_RECORD
						&& mayRun(scopes, context, operation)) {
					rules = answers(operation, rules.allow().operation().named(operation.name()).onInstances(patients));
				}
			}
		}
		return rules;
	}
}
