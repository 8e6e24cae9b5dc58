package nl.zorgpad.fhir;

import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * A custom operation as the rest of the server reads it: where it is invoked, who may call it, what its
 * answer shows and which OperationDefinition documents it. Each operation declares itself next to its code
 * (a constant {@code DECLARATION}); the authorization reads the declarations rather than a list of names.
 *
 * @param name the operation's name with its {@code $}
 * @param level where it is invoked
 * @param type the resource type it is invoked on (null on the server)
 * @param audience who may call it
 * @param shows the resource types whose data the answer shows: a caller needs read access to every one
 * @param answer whether the operation composes its answer or returns stored resources (checked one by one)
 * @param definition canonical URL of its OperationDefinition
 */
public record OperationDeclaration(String name, Level level, Class<? extends Resource> type, Audience audience,
		Set<String> shows, Answer answer, String definition) {
	private static final String DEFINITIONS = "https://zorgpad.nl/fhir/OperationDefinition/";

	/** Where an operation is invoked: {@code [base]/$op}, {@code [base]/Type/$op}, {@code [base]/Type/id/$op}. */
	public enum Level {
		SERVER, TYPE, INSTANCE
	}

	/** Who may call an operation. */
	public enum Audience {
		/** Answers about a whole population: system clients only. */
		POPULATION,
		/** Answers about one patient: system clients and the professionals related to that patient. */
		PATIENT_RECORD
	}

	/** What an operation answers with. */
	public enum Answer {
		/** An answer of its own (a Bundle with extensions, Parameters, CSV): allowed as a whole. */
		COMPOSED,
		/** Stored resources, each checked as a read would be. */
		STORED_RESOURCES
	}

	public OperationDeclaration {
		if (!name.startsWith("$") || (level == Level.SERVER) != (type == null)) {
			throw new IllegalArgumentException("not an operation declaration: " + name + " on " + level + " " + type);
		}
		shows = Set.copyOf(shows);
	}

	/** A population operation of this server, answered by the operation itself and defined in its package. */
	public static OperationDeclaration population(String name, Level level, Class<? extends Resource> type,
			Set<String> shows) {
		return new OperationDeclaration(name, level, type, Audience.POPULATION, shows, Answer.COMPOSED,
				DEFINITIONS + name.substring(1));
	}

	/** An operation on one patient's record ({@code Patient/[id]/$name}). */
	public static OperationDeclaration patientRecord(String name, Set<String> shows, Answer answer, String definition) {
		return new OperationDeclaration(name, Level.INSTANCE, org.hl7.fhir.r4.model.Patient.class,
				Audience.PATIENT_RECORD, shows, answer, definition);
	}

	/** The same on a patient's record, defined in this server's package. */
	public static OperationDeclaration patientRecord(String name, Set<String> shows) {
		return patientRecord(name, shows, Answer.COMPOSED, DEFINITIONS + name.substring(1));
	}
}
