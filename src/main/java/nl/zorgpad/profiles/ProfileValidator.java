package nl.zorgpad.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Validates resources against the Zorgpad profiles, entirely offline: FHIR R4 core definitions, our
 * package's conformance resources (snapshots generated once), in-memory terminology for our code systems,
 * and a warning (not an error) for external code systems we do not ship, such as SNOMED CT or LOINC.
 * Built once and kept warm; the chain caches what it looks up.
 */
public final class ProfileValidator {
	private final FhirContext context;
	private final ValidationSupportChain chain;
	private final FhirValidator validator;
	private final Map<String, StructureDefinition> profiles;

	public ProfileValidator(FhirContext context, List<Resource> conformanceResources) {
		this.context = context;
		PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(context);
		conformanceResources.stream()
				.filter(resource -> !(resource instanceof Questionnaire))
				.forEach(ours::addResource);
		UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(context);
		unknownSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
		this.chain = new ValidationSupportChain(
				new DefaultProfileValidationSupport(context),
				ours,
				new QuestionnaireSupport(context, conformanceResources),
				new SnapshotGeneratingValidationSupport(context),
				new InMemoryTerminologyServerValidationSupport(context),
				new CommonCodeSystemsTerminologyService(context),
				unknownSystems);

		this.profiles = conformanceResources.stream()
				.filter(StructureDefinition.class::isInstance)
				.map(StructureDefinition.class::cast)
				.map(this::withSnapshot)
				.collect(Collectors.toUnmodifiableMap(StructureDefinition::getUrl, Function.identity()));
		profiles.values().forEach(ours::addStructureDefinition);

		FhirInstanceValidator module = new FhirInstanceValidator(chain);
		module.setAnyExtensionsAllowed(true);
		module.setErrorForUnknownProfiles(true);
		module.setNoExtensibleWarnings(true);
		this.validator = context.newValidator().registerValidatorModule(module);
	}

	/** Our StructureDefinitions, each with its generated snapshot, by canonical URL. */
	public Collection<StructureDefinition> profiles() {
		return profiles.values();
	}

	public boolean knows(String profileUrl) {
		return profiles.containsKey(profileUrl);
	}

	public ValidationResult validate(IBaseResource resource, Collection<String> profileUrls) {
		ValidationOptions options = new ValidationOptions();
		profileUrls.forEach(options::addProfile);
		return validator.validateWithResult(resource, options);
	}

	private StructureDefinition withSnapshot(StructureDefinition differential) {
		if (differential.hasSnapshot()) {
			return differential;
		}
		IBaseResource generated = chain.generateSnapshot(
				new ValidationSupportContext(chain),
				differential.copy(),
				differential.getUrl(),
				differential.getUrl(),
				differential.getName());
		if (!(generated instanceof StructureDefinition snapshot) || !snapshot.hasSnapshot()) {
			throw new IllegalStateException("could not generate the snapshot of " + differential.getUrl());
		}
		return snapshot;
	}

	/** Lets the validator check a QuestionnaireResponse against its Questionnaire (items, types, required). */
	private static final class QuestionnaireSupport implements IValidationSupport {
		private final FhirContext context;
		private final Map<String, Questionnaire> byUrl;

		QuestionnaireSupport(FhirContext context, List<Resource> resources) {
			this.context = context;
			this.byUrl = resources.stream()
					.filter(Questionnaire.class::isInstance)
					.map(Questionnaire.class::cast)
					.collect(Collectors.toUnmodifiableMap(Questionnaire::getUrl, Function.identity()));
		}

		@Override
		public FhirContext getFhirContext() {
			return context;
		}

		@Override
		public <T extends IBaseResource> T fetchResource(Class<T> type, String url) {
			if (type != null && !type.isAssignableFrom(Questionnaire.class)) {
				return null;
			}
			Questionnaire questionnaire = byUrl.get(url == null ? null : url.replaceAll("\\|.*$", ""));
			return questionnaire == null ? null : (T) questionnaire;
		}

		@Override
		public String getName() {
			return "zorgpad-questionnaires";
		}
	}
}
