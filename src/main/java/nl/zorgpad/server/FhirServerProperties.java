package nl.zorgpad.server;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the FHIR endpoint itself.
 *
 * @param defaultPageSize search page size when the client sends no {@code _count}
 * @param maxPageSize largest {@code _count} honoured
 * @param listPageSize page size of the population lists ({@code $screening-list}, {@code $worklist}) without
 *        {@code _count}
 * @param listMaxPageSize largest {@code _count} of a population list (a larger one is refused; {@code _format=csv}
 *        gives the whole list)
 * @param serverBaseUrl fixed base URL for links in responses (behind a proxy); empty = derive from the request
 * @param capabilityCacheTtl how long the serialised CapabilityStatement is reused
 * @param jobPollInterval how often background jobs (Bulk Data export) are moved on to their next step; HAPI's
 *        own pass runs once a minute, which makes a small export take minutes
 */
@ConfigurationProperties("zorgpad.fhir")
public record FhirServerProperties(
		@DefaultValue("20") int defaultPageSize,
		@DefaultValue("500") int maxPageSize,
		@DefaultValue("50") int listPageSize,
		@DefaultValue("1000") int listMaxPageSize,
		@DefaultValue("") String serverBaseUrl,
		@DefaultValue("60s") Duration capabilityCacheTtl,
		@DefaultValue("5s") Duration jobPollInterval) {}
