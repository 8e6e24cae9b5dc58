package nl.zorgpad.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.server.FhirServerPlugin;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Zorgpad FHIR package: loaded at start-up, installed, enforced on write, listed and served. */
@Configuration(proxyBeanMethods = false)
class ProfilesConfig {
	private static final Logger log = LoggerFactory.getLogger(ProfilesConfig.class);

	/** @param validateOnWrite refuse pathway resources that do not conform to their profile (422) */
	@ConfigurationProperties("zorgpad.profiles")
	record ProfilesProperties(@DefaultValue("true") boolean validateOnWrite) {}

	/**
	 * Reads the package and starts building the validator before any other bean exists: snapshot
	 * generation and the validator's first runs (FHIR core definitions, terminology) take seconds and run
	 * on their own threads while HAPI and Spring start. Same FhirContext instance as the server's
	 * ({@code forR4Cached}).
	 */
	@Bean
	static BeanFactoryPostProcessor profilesStartEarly() {
		return beanFactory -> {
			FhirContext context = FhirContext.forR4Cached();
			ProfilePackage profilePackage = ProfilePackage.fromClasspath();
			beanFactory.registerSingleton("profilePackage", profilePackage);
			beanFactory.registerSingleton("profiles", startBuilding(context, profilePackage));
		};
	}

	private static Profiles startBuilding(FhirContext context, ProfilePackage profilePackage) {
		CompletableFuture<ProfileValidator> ready = CompletableFuture.supplyAsync(() -> {
			long start = System.nanoTime();
			ProfileValidator validator = new ProfileValidator(context, profilePackage.conformanceResources(context));
			log.info("Profile validator ready: {} profiles with snapshots in {} ms",
					validator.profiles().size(), (System.nanoTime() - start) / 1_000_000);
			return validator;
		}, Profiles.background("profile-validator"));
		ready.thenAcceptAsync(validator -> {
			long start = System.nanoTime();
			List<Resource> examples = profilePackage.examples(context);
			examples.forEach(example -> validator.validate(example, ProfileSelector.profilesFor(example)));
			log.info("Profile validator warmed up on {} examples in {} ms",
					examples.size(), (System.nanoTime() - start) / 1_000_000);
		}, Profiles.background("profile-validator-warm-up"));
		return new Profiles(ready);
	}

	@Bean
	ProfileInstaller profileInstaller(IFhirSystemDao<Bundle, Meta> system, FhirContext context,
			ProfilePackage profilePackage, Profiles profiles) {
		return new ProfileInstaller(system, profilePackage.conformanceResources(context), profiles);
	}

	@Bean
	ProfileValidationInterceptor profileValidationInterceptor(FhirContext context, Profiles profiles,
			IInterceptorService storageInterceptors, ProfilesProperties properties, MeterRegistry metrics) {
		ProfileValidationInterceptor interceptor = new ProfileValidationInterceptor(context, profiles, metrics);
		if (properties.validateOnWrite()) {
			storageInterceptors.registerInterceptor(interceptor);
		} else {
			log.warn("zorgpad.profiles.validate-on-write=false: pathway resources are stored without profile validation");
		}
		return interceptor;
	}

	/** HAPI's {@code $validate} with the validator that checks writes (it knows the package's profiles). */
	@Bean
	@org.springframework.context.annotation.Primary
	ca.uhn.fhir.validation.IInstanceValidatorModule profileValidationModule(Profiles profiles) {
		return new ProfileValidationModule(profiles);
	}

	/** {@code ValueSet/$expand} from the package's terminology, in memory. */
	@Bean
	FhirServerPlugin valueSetExpansion(Profiles profiles) {
		return server -> server.registerProvider(new ValueSetExpansion(profiles));
	}

	/** Lists each profile under {@code supportedProfile} of its resource type in the CapabilityStatement. */
	@Bean
	FhirServerPlugin supportedProfiles(Profiles profiles) {
		Object hook = new Object() {
			@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
			public void addSupportedProfiles(IBaseConformance statement) {
				CapabilityStatement capabilities = (CapabilityStatement) statement;
				for (StructureDefinition profile : profiles.validator().profiles()) {
					if (!"resource".equals(profile.getKind().toCode())) {
						continue;
					}
					capabilities.getRest().forEach(rest -> rest.getResource().stream()
							.filter(resource -> resource.getType().equals(profile.getType()))
							.forEach(resource -> resource.addSupportedProfile(profile.getUrl())));
				}
			}
		};
		return server -> server.registerInterceptor(hook);
	}

	/**
	 * Points each declared operation of the CapabilityStatement at its OperationDefinition ({@link
	 * OperationDeclaration#definition()}: ours are in the package, installed and served like the other conformance
	 * resources) instead of the definition HAPI generates under a server-local id.
	 */
	@Bean
	FhirServerPlugin declaredOperations(List<OperationDeclaration> operations) {
		Map<String, String> definitions = operations.stream()
				.collect(Collectors.toMap(OperationDeclaration::name, OperationDeclaration::definition));
		Object hook = new Object() {
			@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
			public void pointAtDefinitions(IBaseConformance statement) {
				for (CapabilityStatement.CapabilityStatementRestComponent rest : ((CapabilityStatement) statement).getRest()) {
					rest.getOperation().forEach(operation -> declare(operation, definitions));
					rest.getResource().forEach(resource -> resource.getOperation()
							.forEach(operation -> declare(operation, definitions)));
				}
			}
		};
		return server -> server.registerInterceptor(hook);
	}

	private static void declare(CapabilityStatement.CapabilityStatementRestResourceOperationComponent operation,
			Map<String, String> definitions) {
		String url = definitions.get(operation.getName().startsWith("$") ? operation.getName() : "$" + operation.getName());
		if (url != null) {
			operation.setDefinition(url);
		}
	}
}
