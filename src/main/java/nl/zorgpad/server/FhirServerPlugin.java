package nl.zorgpad.server;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * A pathway concept that adds providers or interceptors to the FHIR endpoint. Each concept declares its
 * own plugin bean in its own {@code @Configuration}; the endpoint applies them all when it is built.
 */
@FunctionalInterface
public interface FhirServerPlugin {
	void customize(RestfulServer server);
}
