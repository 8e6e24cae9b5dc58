package nl.zorgpad;

import java.time.Clock;
import java.time.LocalDate;
import nl.zorgpad.rules.Programme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
	Clock clock(ClockProperties properties) {
		return Programme.clock(properties.today());
	}

	/**
	 * @param today run as if today were this day (tests on chosen calendar days); unset: the real day
	 */
	@ConfigurationProperties("zorgpad.clock")
	record ClockProperties(LocalDate today) {}
}
