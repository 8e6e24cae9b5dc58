package nl.zorgpad.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** Request hardening in front of everything else. */
@Configuration(proxyBeanMethods = false)
class HardeningConfig {

	/**
	 * @param maxRequestSize largest accepted request body
	 * @param maxBytesInFlight request body bytes held at once over all requests
	 * @param bytesInFlightWait how long a request waits for room before it gets 503
	 */
	@ConfigurationProperties("zorgpad.hardening")
	record HardeningProperties(@DefaultValue("64MB") DataSize maxRequestSize,
			@DefaultValue("160MB") DataSize maxBytesInFlight, @DefaultValue("10s") Duration bytesInFlightWait) {}

	@Bean
	FilterRegistrationBean<HardeningFilter> hardeningFilter(HardeningProperties properties, AuditTrail audit) {
		BodyBudget budget = new BodyBudget(properties.maxBytesInFlight().toBytes(), properties.bytesInFlightWait());
		FilterRegistrationBean<HardeningFilter> registration =
				new FilterRegistrationBean<>(new HardeningFilter(properties.maxRequestSize(), budget, audit));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}
}
