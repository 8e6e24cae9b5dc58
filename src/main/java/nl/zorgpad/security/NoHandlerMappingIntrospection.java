package nl.zorgpad.security;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;

/**
 * Leaves Spring MVC's {@code HandlerMappingIntrospector} out of the application. Spring Security puts a filter
 * in front of every request when that bean exists, which matches the request against every MVC handler mapping
 * (the package download, the websocket endpoint, Boot's welcome page) so that MVC-pattern request matchers can
 * be evaluated later — about 5 % of the CPU of a FHIR read (JFR under wrk, issue 15). Our matchers are plain
 * path patterns ({@code SecurityConfig}), the CORS configuration is explicit, and the DispatcherServlet finds
 * its handlers without the introspector, so nothing needs it.
 */
final class NoHandlerMappingIntrospection implements BeanDefinitionRegistryPostProcessor, PriorityOrdered {
	static final String BEAN = "mvcHandlerMappingIntrospector";

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (registry.containsBeanDefinition(BEAN)) {
			registry.removeBeanDefinition(BEAN);
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		// nothing: the definition is gone before any bean is made
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE; // among the PriorityOrdered ones: after the configuration classes are read
	}
}
