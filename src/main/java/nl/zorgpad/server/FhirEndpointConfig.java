package nl.zorgpad.server;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.time.Clock;
import java.util.List;
import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.fhir.ResourceStore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR REST endpoint at {@code /fhir}: HAPI's RestfulServer with the JPA resource providers. */
@Configuration(proxyBeanMethods = false)
class FhirEndpointConfig {

	static final String FHIR_PATH = "/fhir";

	/** How the population operations answer: paged searchsets or CSV, page sizes from {@code zorgpad.fhir.*}. */
	@Bean
	PopulationAnswers populationAnswers(ResourceStore store, FhirContext context, Clock clock,
			FhirServerProperties properties) {
		return new PopulationAnswers(store, context, clock, properties);
	}

	/** HAPI's {@code Patient/[id]/$everything}: stored resources of one patient, each checked as a read. */
	@Bean
	OperationDeclaration everythingDeclaration() {
		return OperationDeclaration.patientRecord("$everything", java.util.Set.of("Patient"),
				OperationDeclaration.Answer.STORED_RESOURCES, "http://hl7.org/fhir/OperationDefinition/Patient-everything");
	}

	@Bean
	RestfulServer restfulServer(
			IFhirSystemDao<?, ?> systemDao,
			ResourceProviderFactory resourceProviders,
			JpaSystemProvider<?, ?> systemProvider,
			DatabaseBackedPagingProvider pagingProvider,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			FhirServerProperties properties,
			io.micrometer.core.instrument.MeterRegistry metrics,
			BulkDataExportProvider bulkExport,
			List<FhirServerPlugin> plugins) {
		RestfulServer server = new RestfulServer(systemDao.getContext()) {
			@Override
			public void addHeadersToResponse(jakarta.servlet.http.HttpServletResponse response) {
				// no X-Powered-By: the server does not advertise its software and version
			}
		};
		server.getFhirContext().setNarrativeGenerator(new NullNarrativeGenerator());
		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		server.registerProvider(bulkExport); // $export: system, Patient, Group (Bulk Data Access)

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setServerAddressStrategy(
				properties.serverBaseUrl().isBlank()
						? new IncomingRequestAddressStrategy()
						: new HardcodedServerAddressStrategy(properties.serverBaseUrl()));

		JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		capabilities.setImplementationDescription("Zorgpad FHIR server (kwetsbare ouderen)");
		capabilities.setIncludeResourceCounts(false);
		server.setServerConformanceProvider(capabilities);
		server.setServerName("Zorgpad");
		server.setServerVersion(ZorgpadVersion.current());

		server.registerInterceptor(new ResponseHighlighterInterceptor());
		server.registerInterceptor(new PreconditionFailedInterceptor());
		server.registerInterceptor(new ErrorResponses());
		server.registerInterceptor(accessLog());
		server.registerInterceptor(new FhirMetrics(metrics, server.getFhirContext()));
		plugins.forEach(plugin -> plugin.customize(server));
		return server;
	}

	/** Checks on the storage pointcuts, so they hold for every write path. */
	@Bean
	StorageInputChecks storageInputChecks(ca.uhn.fhir.interceptor.api.IInterceptorService storageInterceptors) {
		StorageInputChecks checks = new StorageInputChecks();
		storageInterceptors.registerInterceptor(checks);
		return checks;
	}

	/** One line per request: verb, URL, operation, resource, time; failures with their cause. */
	private static LoggingInterceptor accessLog() {
		LoggingInterceptor log = new LoggingInterceptor();
		log.setLoggerName("zorgpad.access");
		log.setMessageFormat("${requestVerb} ${requestUrl} op=${operationType} res=${idOrResourceName} "
				+ "client=${remoteAddr} ${processingTimeMillis}ms");
		log.setErrorMessageFormat("FAILED ${requestVerb} ${requestUrl} client=${remoteAddr} ${exceptionMessage}");
		log.setLogExceptions(true);
		return log;
	}

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer restfulServer) {
		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(restfulServer, FHIR_PATH + "/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<CapabilityStatementCache> capabilityStatementCache(FhirServerProperties properties) {
		FilterRegistrationBean<CapabilityStatementCache> registration =
				new FilterRegistrationBean<>(new CapabilityStatementCache(properties.capabilityCacheTtl()));
		registration.addUrlPatterns(FHIR_PATH + "/metadata");
		return registration;
	}
}
