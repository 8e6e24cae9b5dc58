package nl.zorgpad.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.zorgpad.security.AccessPolicy.Role;
import nl.zorgpad.security.AccessPolicy.Viewer;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Searches of professionals and patients answer over their related patients only, in the query itself:
 * HAPI's {@link SearchNarrowingInterceptor} adds the patient compartment ({@code patient=…} or, for
 * Patient, {@code _id=…}) to every search, to conditional URLs ({@code If-None-Exist}, conditional
 * update/delete/patch) and to the entries of transactions and batches, so a count, a page or a
 * conditional match never involves anyone else. On top of that:
 * <ul>
 * <li>Task (outside the R4 Patient compartment) is narrowed by {@code patient} the same way;</li>
 * <li>a Task or ServiceRequest search of a caller with work of that type beyond their relation (Tasks they
 * own, referrals they perform) is narrowed by id instead: that work and the same type about their related
 * patients ({@link AccessPolicy.Work#searchable});</li>
 * <li>the social domain's Encounter searches only meet meetings (a {@code meeting-type} coding);</li>
 * <li>{@code _has} and chained parameters may only reach resource types the caller may read, so no
 * filter reveals a fact of a type the caller cannot see (403 otherwise);</li>
 * <li>a system-wide search ({@code GET [base]?…}) is for system clients.</li>
 * </ul>
 * Resources a narrowed search still brings along ({@code _include}, {@code _revinclude}) are filtered per
 * resource by {@link RelatedPatientsConsent}.
 */
final class SearchAccess {
	/** A patient id that never exists: the compartment of someone related to nobody. */
	static final String NOBODY = "zp-related-to-nobody";
	private static final java.util.regex.Pattern HAS = java.util.regex.Pattern.compile("(?:^|[.:])_has:([A-Za-z]+)");
	private static final String MEETING_TYPES = "https://zorgpad.nl/fhir/CodeSystem/meeting-type|";

	/** Set when a resource of the searched type was left out: the count is then no longer known. */
	static final String HIDDEN_MATCH = SearchAccess.class.getName() + ".hiddenMatch";
	private static final String TOTAL = SearchAccess.class.getName() + ".total";

	private final Viewers viewers;
	private final FhirContext context;
	private final SearchNarrowingInterceptor narrowing;

	SearchAccess(Viewers viewers, FhirContext context) {
		this.viewers = viewers;
		this.context = context;
		this.narrowing = new SearchNarrowingInterceptor() {
			@Override
			protected AuthorizedList buildAuthorizedList(RequestDetails request) {
				Viewer viewer = viewers.of(request);
				if (!viewer.narrowed()) {
					return null;
				}
				Set<String> work = request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
						? viewer.work().searchable(request.getResourceName())
						: Set.of();
				return work.isEmpty() ? new AuthorizedList().addCompartments(compartments(viewer))
						: new AuthorizedList().addResources(
								work.stream().map(id -> request.getResourceName() + "/" + id).toArray(String[]::new));
			}
		};
		this.narrowing.setNarrowConditionalUrls(true);
	}

	private static String[] compartments(Viewer viewer) {
		Set<String> patients = viewer.patients().isEmpty() ? Set.of(NOBODY) : viewer.patients();
		return patients.stream().map(id -> "Patient/" + id).toArray(String[]::new);
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -10)
	public void request(RequestDetails request, HttpServletRequest servletRequest, HttpServletResponse response) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		Viewer viewer = operation == null ? null : viewers.of(request);
		if (viewer == null) {
			return;
		}
		if (!viewer.narrowed()) {
			ConsentInterceptor.skipAllConsentForRequest(request); // scopes decide for system clients
			return;
		}
		if (operation == RestOperationTypeEnum.SEARCH_SYSTEM) {
			throw new ForbiddenOperationException("A search across all resource types is for system clients;"
					+ " search one resource type");
		}
		if (operation == RestOperationTypeEnum.SEARCH_TYPE) {
			refuseFiltersBeyondReach(request.getResourceName(), request.getParameters().keySet(), viewer.role());
		}
		narrowing.hookIncomingRequestPostProcessed(request, servletRequest, response);
		if (operation == RestOperationTypeEnum.SEARCH_TYPE) {
			narrowBeyondTheCompartment(request, viewer);
			countsAndTotals(request);
		}
	}

	/**
	 * A count ({@code _summary=count}) shows no resource, only the number of matches of the query narrowed
	 * above: HAPI's ConsentInterceptor, which would refuse counts altogether, stands aside. {@code _total}
	 * is left to the server (the ConsentInterceptor refuses {@code _total=accurate} too); the total of a
	 * narrowed search is given whenever it is exact (see {@link #totalAfterConsent}).
	 */
	private static void countsAndTotals(RequestDetails request) {
		Map<String, String[]> parameters = new HashMap<>(request.getParameters());
		String[] summary = parameters.get("_summary");
		if (summary != null && Arrays.asList(summary).contains("count")) {
			ConsentInterceptor.skipAllConsentForRequest(request);
		}
		if (parameters.remove("_total") != null) {
			request.setParameters(parameters);
		}
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -10)
	public void bundle(ServletRequestDetails request, HttpServletRequest servletRequest, HttpServletResponse response) {
		if (request.getRestOperationType() != null && viewers.of(request).narrowed()) {
			narrowing.hookIncomingRequestPreHandled(request, servletRequest, response);
		}
	}

	/**
	 * HAPI's ConsentInterceptor drops {@code Bundle.total} whenever it may have left something out. The
	 * search is narrowed in the query, so its count is exact unless a match itself was left out: then
	 * (and only then) the total stays away.
	 */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = -1000)
	public void totalBeforeConsent(RequestDetails request, ResponseDetails response) {
		// only a narrowed search: a history is filtered, not narrowed, so its count stays away
		if (request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
				&& response.getResponseResource() instanceof Bundle bundle && bundle.hasTotal()) {
			request.getUserData().put(TOTAL, bundle.getTotal());
		}
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
	public void totalAfterConsent(RequestDetails request, ResponseDetails response) {
		if (request.getUserData().get(TOTAL) instanceof Integer total
				&& response.getResponseResource() instanceof Bundle bundle && !bundle.hasTotal()
				&& !Boolean.TRUE.equals(request.getUserData().get(HIDDEN_MATCH))) {
			bundle.setTotal(total);
		}
	}

	private void narrowBeyondTheCompartment(RequestDetails request, Viewer viewer) {
		Map<String, String[]> parameters = new HashMap<>(request.getParameters());
		if ("Task".equals(request.getResourceName()) && viewer.work().searchable("Task").isEmpty()) {
			and(parameters, "patient", String.join(",", compartments(viewer)));
		}
		if ("Encounter".equals(request.getResourceName()) && viewer.role() == Role.SOCIAL_DOMAIN) {
			and(parameters, "type", MEETING_TYPES);
		}
		request.setParameters(parameters);
	}

	/** Adds a value that must hold as well (repeated parameters are AND-ed). */
	private static void and(Map<String, String[]> parameters, String name, String value) {
		String[] values = parameters.getOrDefault(name, new String[0]);
		String[] more = Arrays.copyOf(values, values.length + 1);
		more[values.length] = value;
		parameters.put(name, more);
	}

	/** {@code _has:Type:…} and chains ({@code subject:Patient.name}, {@code encounter.reason-code}) stay within reach. */
	void refuseFiltersBeyondReach(String type, Set<String> parameters, Role role) {
		Set<String> reach = new HashSet<>(AccessPolicy.readableTypes(role));
		reach.addAll(AccessPolicy.DIRECTORY);
		for (String parameter : parameters) {
			for (String target : reachedTypes(type, parameter)) {
				if (!reach.contains(target)) {
					throw new ForbiddenOperationException("Search parameter '" + parameter + "' filters on " + target
							+ ", which this token may not read (name the target type of a chain, e.g. subject:Patient.name)");
				}
			}
		}
	}

	/** The resource types a parameter filters on besides the searched one ({@code *}: could be any). */
	private Set<String> reachedTypes(String type, String parameter) {
		Set<String> reached = new HashSet<>();
		java.util.regex.Matcher has = HAS.matcher(parameter);
		while (has.find()) {
			reached.add(has.group(1));
		}
		if (parameter.startsWith("_has:") || !parameter.contains(".")) {
			return reached;
		}
		String current = type;
		String[] links = parameter.split("\\.");
		for (int i = 0; i + 1 < links.length; i++) {
			String link = links[i];
			int colon = link.indexOf(':');
			String name = colon < 0 ? link : link.substring(0, colon);
			Set<String> targets = colon < 0 ? targets(current, name) : Set.of(link.substring(colon + 1));
			if (targets.size() != 1) {
				reached.addAll(targets.isEmpty() ? Set.of("an unknown resource type") : targets);
				return reached;
			}
			current = targets.iterator().next();
			reached.add(current);
		}
		return reached;
	}

	private Set<String> targets(String type, String name) {
		try {
			RuntimeResourceDefinition definition = context.getResourceDefinition(type);
			RuntimeSearchParam param = definition.getSearchParam(name);
			return param == null ? Set.of() : param.getTargets();
		} catch (RuntimeException unknownType) {
			return Set.of();
		}
	}
}
