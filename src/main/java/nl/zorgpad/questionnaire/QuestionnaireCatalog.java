package nl.zorgpad.questionnaire;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Questionnaire;

/**
 * Finds the Questionnaire a response answers, by canonical ({@code url} or {@code url|version}), from the
 * server's own store, so a region's uploaded version is used as soon as it is stored. Cached; any
 * Questionnaire write on this server empties the cache, and so does one on another replica: each lookup
 * first compares the database's last Questionnaire change with the one the cache was filled at.
 */
final class QuestionnaireCatalog {
	private final IFhirResourceDao<Questionnaire> questionnaires;
	private final Supplier<Object> lastChange;
	private final Map<String, Optional<Questionnaire>> byCanonical = new ConcurrentHashMap<>();
	private volatile Object filledAt;

	QuestionnaireCatalog(IFhirResourceDao<Questionnaire> questionnaires, Supplier<Object> lastChange) {
		this.questionnaires = questionnaires;
		this.lastChange = lastChange;
	}

	Optional<Questionnaire> find(String canonical) {
		if (canonical == null || canonical.isBlank()) {
			return Optional.empty();
		}
		Object stamp = lastChange.get();
		if (!stamp.equals(filledAt)) {
			byCanonical.clear();
			filledAt = stamp;
		}
		return byCanonical.computeIfAbsent(canonical, this::load);
	}

	private Optional<Questionnaire> load(String canonical) {
		String[] parts = canonical.split("\\|", 2);
		SearchParameterMap search = SearchParameterMap.newSynchronous().add(Questionnaire.SP_URL, new UriParam(parts[0]));
		if (parts.length == 2) {
			search.add(Questionnaire.SP_VERSION, new TokenParam(parts[1]));
		}
		return questionnaires.search(search, new SystemRequestDetails()).getAllResources().stream()
				.map(Questionnaire.class::cast)
				.max(java.util.Comparator.comparing(q -> q.getMeta().getLastUpdated()));
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		forgetIfQuestionnaire(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource oldResource, IBaseResource newResource) {
		forgetIfQuestionnaire(newResource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		forgetIfQuestionnaire(resource);
	}

	private void forgetIfQuestionnaire(IBaseResource resource) {
		if (resource instanceof Questionnaire) {
			byCanonical.clear();
		}
	}
}
