package nl.zorgpad.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import nl.zorgpad.fhir.OperationDeclaration;
import nl.zorgpad.fhir.Outcomes;
import nl.zorgpad.fhir.ResourceStore;
import nl.zorgpad.server.FhirServerPlugin;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Bearer-token security (issue 7): Spring Security validates the JWT (identity provider via issuer or
 * JWKS, or a local HMAC secret), HAPI's AuthorizationInterceptor ({@link SmartAuthorization}) decides
 * per request from the SMART scopes and the caller's care relationships, and {@link AuditTrail} writes
 * an AuditEvent per access. {@code /fhir/metadata}, SMART discovery, health probes, the management port
 * and the profile package stay public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
	private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

	/** The default firewall, with its character rule checked without a regular expression. */
	@Bean
	WebSecurityCustomizer firewall() {
		return web -> web.httpFirewall(HeaderCharacters.firewall());
	}

	/**
	 * No observations of the filter chain, authentications and authorizations: with them off only by
	 * configuration, every filter was still wrapped in an observation decorator (a few per cent of a read, JFR
	 * under wrk, issue 15). FHIR requests are timed by {@code zorgpad_fhir_requests_seconds}.
	 */
	@Bean
	static SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	static NoHandlerMappingIntrospection noHandlerMappingIntrospection() {
		return new NoHandlerMappingIntrospection();
	}

	@Bean
	SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, Environment environment,
			FhirContext context, AuditTrail audit) throws Exception {
		http.csrf(csrf -> csrf.disable())
				.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.headers(headers -> headers.disable()) // HardeningFilter writes the security headers
				// a stateless API: no saved request to replay after a login, no logout endpoint
				.requestCache(cache -> cache.disable())
				.logout(logout -> logout.disable())
				.cors(cors -> cors.configurationSource(cors(properties.allowedOrigins())));
		if (!properties.enabled()) {
			log.warn("zorgpad.security.enabled=false: no authentication, no authorization, no audit trail");
			return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
		}
		return http
				.authorizeHttpRequests(requests -> requests
						// /actuator/** is served on the management port only (management.server.port)
						.requestMatchers(paths(null, "/fhir/metadata", SmartConfiguration.PATH, "/livez", "/readyz",
								"/actuator/**", "/packages/**", "/error")).permitAll()
						.requestMatchers(paths(HttpMethod.OPTIONS, "/**")).permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(server -> server
						.bearerTokenResolver(new BearerTokens())
						.jwt(jwt -> jwt.decoder(new CachingJwtDecoder(decoder(properties.jwt(), environment))))
						.authenticationEntryPoint((request, response, failure) -> {
							audit.refused(request, 401, "invalid token: " + failure.getMessage());
							Outcomes.write(response, 401, OperationOutcome.IssueType.LOGIN,
									"A valid bearer token is required: " + failure.getMessage());
						}))
				.exceptionHandling(exceptions -> exceptions
						.authenticationEntryPoint((request, response, failure) -> {
							audit.refused(request, 401, "no token");
							Outcomes.write(response, 401, OperationOutcome.IssueType.LOGIN,
									"A bearer token is required (Authorization: Bearer …)");
						})
						.accessDeniedHandler((request, response, denied) -> Outcomes.write(response, 403,
								OperationOutcome.IssueType.FORBIDDEN, "Access denied")))
				.build();
	}

	/** Plain path patterns (no Spring MVC introspection: {@link NoHandlerMappingIntrospection}). */
	private static RequestMatcher[] paths(HttpMethod method, String... patterns) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return Arrays.stream(patterns).map(pattern -> paths.matcher(method, pattern))
				.toArray(RequestMatcher[]::new);
	}

	static JwtDecoder decoder(SecurityProperties.Jwt jwt, Environment environment) {
		JwtDecoder decoder = signatures(jwt, environment);
		if (decoder instanceof NimbusJwtDecoder nimbus) {
			nimbus.setJwtValidator(TokenClaims.validator(jwt));
		}
		return decoder;
	}

	private static JwtDecoder signatures(SecurityProperties.Jwt jwt, Environment environment) {
		if (StringUtils.hasText(jwt.issuerUri())) {
			return JwtDecoders.fromIssuerLocation(jwt.issuerUri());
		}
		if (StringUtils.hasText(jwt.jwkSetUri())) {
			return NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
		}
		byte[] secret = jwt.hmacSecret().getBytes(StandardCharsets.UTF_8);
		if (secret.length < 32) {
			throw new IllegalStateException("zorgpad.security.jwt.hmac-secret must be at least 32 bytes");
		}
		if (SecurityProperties.LOCAL_SECRET.equals(jwt.hmacSecret())) {
			if (environment.acceptsProfiles(Profiles.of("postgres"))) {
				throw new IllegalStateException("Refusing to start: the postgres profile runs with the well-known local"
						+ " token secret. Set zorgpad.security.jwt.issuer-uri or jwk-set-uri (ZORGPAD_SECURITY_JWT_*),"
						+ " or a secret of your own in ZORGPAD_SECURITY_JWT_HMAC_SECRET.");
			}
			log.warn("Bearer tokens are checked with the well-known local secret (scripts/mint-token.py); for trying only");
		}
		return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
				.macAlgorithm(MacAlgorithm.HS256).build();
	}

	private static UrlBasedCorsConfigurationSource cors(List<String> configured) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		List<String> origins = configured.stream().filter(StringUtils::hasText).map(String::trim).toList();
		if (!origins.isEmpty()) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(origins);
			cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
			cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "If-Match", "If-None-Exist",
					"If-None-Match", "Prefer"));
			cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified"));
			cors.setMaxAge(3600L);
			source.registerCorsConfiguration("/**", cors);
		}
		return source;
	}

	@Bean
	Viewers viewers(RelationSource relations, ResourceStore store, Clock clock) {
		return new Viewers(new CareRelations(relations, store, clock));
	}

	/**
	 * The access model on the endpoint: scopes (AuthorizationInterceptor), narrowed searches, per-resource
	 * visibility (HAPI's ConsentInterceptor) and the write guard on the storage pointcuts, so it holds for
	 * every write path.
	 */
	@Bean
	FhirServerPlugin smartAuthorization(SecurityProperties properties, Viewers viewers, FhirContext context,
			RelationSource relations, DaoRegistry daos, IInterceptorService storageInterceptors,
			List<OperationDeclaration> operations) {
		if (!properties.enabled()) {
			return server -> {};
		}
		Subjects subjects = new Subjects(context);
		storageInterceptors.registerInterceptor(new SubscriptionGuard(viewers, subjects, context));
		storageInterceptors.registerInterceptor(new WriteGuard(viewers, subjects));
		storageInterceptors.registerInterceptor(new RelationChanges(relations));
		SmartAuthorization authorization = new SmartAuthorization(viewers, operations);
		AuditEventAccess auditEvents = new AuditEventAccess();
		return server -> {
			server.registerInterceptor(auditEvents);
			server.registerInterceptor(new ScopeInteractions());
			server.registerInterceptor(new SearchAccess(viewers, context));
			server.registerInterceptor(new ConsentInterceptor(new RelatedPatientsConsent(viewers, subjects)));
			server.registerInterceptor(new AsIfAbsent(context, daos, viewers));
			server.registerInterceptor(authorization);
		};
	}

	/** Websocket notifications: a socket binds only to a Subscription its caller may read. */
	@Bean
	WebSocketHandlerDecoratorFactory subscriptionBindings(SecurityProperties properties, Viewers viewers,
			FhirContext context, DaoRegistry daos) {
		return properties.enabled() ? new SubscriptionBindings(viewers, new Subjects(context), daos) : handler -> handler;
	}

	@Bean
	SmartConfiguration smartConfiguration(SecurityProperties properties) {
		return new SmartConfiguration(properties.jwt());
	}

	/** SMART discovery: public, beside the FHIR endpoint, and described in the CapabilityStatement. */
	@Bean
	ServletRegistrationBean<SmartConfiguration> smartDiscovery(SmartConfiguration configuration) {
		ServletRegistrationBean<SmartConfiguration> registration =
				new ServletRegistrationBean<>(configuration, SmartConfiguration.PATH);
		registration.setName("smart-configuration");
		return registration;
	}

	@Bean
	FhirServerPlugin smartSecurityDescription(SecurityProperties properties, SmartConfiguration configuration) {
		if (!properties.enabled()) {
			return server -> {};
		}
		Object hook = new Object() {
			@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
			public void describe(IBaseConformance statement) {
				configuration.describe((CapabilityStatement) statement);
			}
		};
		return server -> server.registerInterceptor(hook);
	}

	@Bean
	AuditStore auditStore(javax.sql.DataSource dataSource, FhirContext context) {
		return new AuditStore(dataSource, context);
	}

	@Bean(destroyMethod = "close")
	AuditTrail auditTrail(SecurityProperties properties, FhirContext context, AuditStore store, MeterRegistry metrics) {
		AuditTrail audit = new AuditTrail(context, store, properties.enabled() && properties.audit());
		Gauge.builder("zorgpad.audit.queue", audit, AuditTrail::queued)
				.description("AuditEvents waiting to be written").register(metrics);
		FunctionCounter.builder("zorgpad.audit.failed.writes", audit, AuditTrail::failedWrites)
				.description("AuditEvents that could not be stored (each logged as an error)").register(metrics);
		return audit;
	}

	/** The audit trail replaces HAPI's AuditEvent endpoint: read and search only, from its own table. */
	@Bean
	FhirServerPlugin auditTrailPlugin(AuditTrail audit, AuditStore store) {
		return server -> {
			List.copyOf(server.getResourceProviders()).stream()
					.filter(provider -> provider.getResourceType() == org.hl7.fhir.r4.model.AuditEvent.class)
					.forEach(server::unregisterProvider);
			server.registerProvider(new AuditEventProvider(store));
			server.registerInterceptor(audit);
		};
	}
}
