package nl.zorgpad;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Zorgpad: HL7 FHIR R4 server for the Dutch frail-elderly care programme, on HAPI FHIR JPA. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ZorgpadApplication {

	public static void main(String[] args) {
		SpringApplication.run(ZorgpadApplication.class, args);
	}
}
