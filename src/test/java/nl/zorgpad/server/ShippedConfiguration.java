package nl.zorgpad.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The shipped {@code application.yaml} as the server binds it, without booting one. */
final class ShippedConfiguration {
	private ShippedConfiguration() {}

	static Binder binder() {
		try {
			return new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader()
					.load("application.yaml", new ClassPathResource("application.yaml"))));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static FhirServerProperties fhir() {
		return binder().bindOrCreate("zorgpad.fhir", FhirServerProperties.class);
	}
}
