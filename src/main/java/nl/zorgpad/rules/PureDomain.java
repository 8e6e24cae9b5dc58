package nl.zorgpad.rules;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a pathway rule or one of its facts as pure domain code: it (and every type nested in it) uses only
 * {@code java.*}, {@link Verdict} and other {@code @PureDomain} types — no HAPI FHIR, HL7 model or Spring.
 * {@code ArchitectureTest} enforces this, so the rules stay unit-testable without a server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PureDomain {}
