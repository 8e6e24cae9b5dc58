package nl.zorgpad;

import java.time.Clock;
import nl.zorgpad.rules.Programme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Zorgpad: HL7 FHIR R4 server for the Dutch frail-elderly care programme, on HAPI FHIR JPA. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ZorgpadApplication {

	public static void main(String[] args) {
		SpringApplication.run(ZorgpadApplication.class, args);
	}

	/** "Today" for every rule, worklist, list and report: one clock, in the Netherlands. */
	@Bean
	Clock clock() {
		return Programme.systemClock();
	}
}
