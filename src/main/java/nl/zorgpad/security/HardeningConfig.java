package nl.zorgpad.security;

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

	/** @param maxRequestSize largest accepted request body */
	@ConfigurationProperties("zorgpad.hardening")
	record HardeningProperties(@DefaultValue("10MB") DataSize maxRequestSize) {}

	@Bean
	FilterRegistrationBean<HardeningFilter> hardeningFilter(HardeningProperties properties, AuditTrail audit) {
		FilterRegistrationBean<HardeningFilter> registration =
				new FilterRegistrationBean<>(new HardeningFilter(properties.maxRequestSize(), audit));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}
}
