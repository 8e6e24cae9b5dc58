package nl.zorgpad.server;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.cache.IResourceTypeCacheSvc;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.dao.data.IResourceTypeDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/** HAPI FHIR JPA storage (R4) on the Spring Boot data source. */
@Configuration(proxyBeanMethods = false)
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	ThreadPoolFactoryConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	SubscriptionChannelConfig.class // in-memory message broker that batch2 jobs run on
})
class JpaPersistenceConfig {

	/** The shared R4 context (also used by the profile validator, which is built before this bean). */
	@Bean
	FhirContext fhirContext() {
		return FhirContext.forR4Cached();
	}

	@Bean
	JpaStorageSettings storageSettings() {
		JpaStorageSettings settings = new JpaStorageSettings();
		settings.setAllowExternalReferences(false);
		settings.setAllowInlineMatchUrlReferences(true);
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
		settings.setDeleteExpungeEnabled(false);
		settings.setExpungeEnabled(false);
		settings.setAllowMultipleDelete(false);
		// A clinical client that searches right after writing must see its write: no reuse of cached results.
		settings.setReuseCachedSearchResultsForMillis(null);
		settings.setMarkResourcesForReindexingUponSearchParameterChange(true);
		return settings;
	}

	/**
	 * Moves batch jobs (Bulk Data export: kick-off, work packages, fetch, write, manifest) on every few seconds
	 * instead of HAPI's once a minute; a pass with nothing to do costs one query on the job tables.
	 */
	@Bean(destroyMethod = "shutdownNow")
	java.util.concurrent.ScheduledExecutorService jobPoller(IJobMaintenanceService maintenance,
			FhirServerProperties properties) {
		java.util.concurrent.ScheduledExecutorService poller = java.util.concurrent.Executors
				.newSingleThreadScheduledExecutor(runnable -> {
					Thread thread = new Thread(runnable, "zorgpad-job-poller");
					thread.setDaemon(true);
					return thread;
				});
		long millis = properties.jobPollInterval().toMillis();
		poller.scheduleWithFixedDelay(() -> {
			try {
				maintenance.runMaintenancePass();
			} catch (RuntimeException notYet) { // e.g. while the scheduler starts: the next turn tries again
				org.slf4j.LoggerFactory.getLogger(JpaPersistenceConfig.class).debug("job pass: {}", notYet.toString());
			}
		}, millis, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
		return poller;
	}

	/** Replaces HAPI's bean of the same name: see {@link ResourceTypeTable}. */
	@Bean
	IResourceTypeCacheSvc resourceTypeCacheSvc(IHapiTransactionService transactions, IResourceTypeDao types,
			MemoryCacheService cache) {
		return new ResourceTypeTable(transactions, types, cache);
	}

	@Bean
	PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Primary
	@Bean
	LocalContainerEntityManagerFactoryBean entityManagerFactory(
			DataSource dataSource,
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			JpaProperties jpaProperties) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		factory.getJpaPropertyMap().putAll(jpaProperties.getProperties());
		return factory;
	}

	@Primary
	@Bean
	JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}
}
