package nl.zorgpad.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerFactory;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * Validates resources against the Zorgpad profiles, entirely offline: FHIR R4 core definitions, our
 * package's conformance resources (snapshots generated once), in-memory terminology for our code systems,
 * and a warning (not an error) for external code systems we do not ship, such as SNOMED CT or LOINC.
 * Built once and kept warm; the chain caches what it looks up.
 */
public final class ProfileValidator {
	/** A validator is reused this many times before it is replaced, so nothing it keeps can pile up. */
	private static final int REUSES = 500;

	private final FhirContext context;
	private final ValidationSupportChain chain;
	private final WorkerContextValidationSupportAdapter worker;
	private final ThreadLocal<ReusedValidator> validators = new ThreadLocal<>();
	private final Map<String, StructureDefinition> profiles;
	private final Map<String, org.hl7.fhir.r5.model.StructureDefinition> r5Profiles = new ConcurrentHashMap<>();

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
				new InMemoryTerminologyServerValidationSupport(context),
				new CommonCodeSystemsTerminologyService(context),
				unknownSystems);
		// one worker context for all our snapshots: without it HAPI builds a new one per snapshot, and each converts
		// FHIR core's StructureDefinitions to R5 again (most of the start-up time of this validator)
		SnapshotGeneratingValidationSupport ourSnapshots = new SnapshotGeneratingValidationSupport(context,
				new WorkerContextValidationSupportAdapter(chain));
		chain.addValidationSupport(ourSnapshots);

		this.profiles = conformanceResources.stream()
				.filter(StructureDefinition.class::isInstance)
				.map(StructureDefinition.class::cast)
				.map(this::withSnapshot)
				.collect(Collectors.toUnmodifiableMap(StructureDefinition::getUrl, Function.identity()));
		profiles.values().forEach(ours::addStructureDefinition);

		this.worker = new WorkerContextValidationSupportAdapter(chain);
		// done with it: its worker's conversions need not stay in memory (HAPI's default for any later snapshot)
		chain.removeValidationSupport(ourSnapshots);
		chain.addValidationSupport(new SnapshotGeneratingValidationSupport(context));
	}

	/** Our StructureDefinitions, each with its generated snapshot, by canonical URL. */
	public Collection<StructureDefinition> profiles() {
		return profiles.values();
	}

	/**
	 * The expansion of a value set of the package or of FHIR R4 core, from the code systems in memory: what
	 * {@code ValueSet/$expand} answers. Empty when the value set is unknown; an explanation when it cannot be
	 * expanded.
	 */
	public Optional<IValidationSupport.ValueSetExpansionOutcome> expand(String valueSetUrl) {
		return Optional.ofNullable(chain.fetchValueSet(valueSetUrl)).map(valueSet -> chain.expandValueSet(
				new ValidationSupportContext(chain), new ca.uhn.fhir.context.support.ValueSetExpansionOptions()
						.setCount(MAX_EXPANSION), valueSet));
	}

	/** The largest expansion served at once (the ICPC subset and our code systems are far smaller). */
	static final int MAX_EXPANSION = 10_000;

	/**
	 * Validates against the given profiles (and any the resource claims). HAPI's FhirInstanceValidator
	 * builds a new HL7 InstanceValidator for every call, which costs ~10 ms here; this keeps one per
	 * thread (same settings as HAPI's wrapper) and replaces it every {@value #REUSES} validations.
	 */
	public List<ValidationMessage> validate(IBaseResource resource, Collection<String> profileUrls) {
		List<org.hl7.fhir.r5.model.StructureDefinition> against = new ArrayList<>();
		List<ValidationMessage> messages = new ArrayList<>();
		for (String url : profileUrls) {
			org.hl7.fhir.r5.model.StructureDefinition profile = r5Profiles.computeIfAbsent(url,
					key -> worker.fetchResource(org.hl7.fhir.r5.model.StructureDefinition.class, key));
			if (profile == null) {
				messages.add(new ValidationMessage().setLevel(ValidationMessage.IssueSeverity.ERROR)
						.setLocation("meta.profile").setMessage("Unknown profile " + url));
			} else {
				against.add(profile);
			}
		}
		IBaseResource validated = resource;
		if (resource instanceof org.hl7.fhir.r4.model.Resource r4
				&& r4.getMeta().getProfile().stream().anyMatch(profile -> profile.getValue() == null)) {
			// a meta.profile with only an extension claims no profile, and HL7's validator fails on its missing url
			org.hl7.fhir.r4.model.Resource copy = r4.copy();
			copy.getMeta().getProfile().removeIf(profile -> profile.getValue() == null);
			validated = copy;
		}
		byte[] json = context.newJsonParser().encodeResourceToString(validated).getBytes(StandardCharsets.UTF_8);
		validator().validate(null, messages, new ByteArrayInputStream(json), Manager.FhirFormat.JSON, against);
		return messages;
	}

	/** The validator of the calling thread, counted as one use. */
	InstanceValidator validator() {
		ReusedValidator current = validators.get();
		if (current == null || current.uses() >= REUSES) {
			current = new ReusedValidator(newInstanceValidator());
			validators.set(current);
		}
		current.used();
		return current.validator();
	}

	private InstanceValidator newInstanceValidator() {
		InstanceValidator validator = new InstanceValidator(worker, new FhirInstanceValidator.NullEvaluationContext(),
				XVerExtensionManagerFactory.createExtensionManager(worker), new ValidatorSession(),
				new ValidatorSettings());
		validator.setPolicyAdvisor(new FhirDefaultPolicyAdvisor());
		validator.setAnyExtensionsAllowed(true);
		validator.setErrorForUnknownProfiles(true);
		validator.setNoExtensibleWarnings(true);
		validator.setResourceIdRule(IdStatus.OPTIONAL);
		validator.setUnknownCodeSystemsCauseErrors(true);
		validator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
		return validator;
	}

	private static final class ReusedValidator {
		private final InstanceValidator validator;
		private int uses;

		ReusedValidator(InstanceValidator validator) {
			this.validator = validator;
		}

		InstanceValidator validator() {
			return validator;
		}

		int uses() {
			return uses;
		}

		void used() {
			uses++;
		}
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
