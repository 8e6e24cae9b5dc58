package nl.zorgpad.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client learns of a failure. A value in the wrong format (a number parameter {@code abc}) is the
 * client's mistake: 400 naming the request parameter. A genuine server fault is a 500 with a generic
 * message and an incident id; the id, the exception and its stack trace go to the log — never a class
 * name, message or SQL to the client.
 */
final class ErrorResponses {
	private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

	/** A Java exception class named in a message (HAPI's parser quotes them: "…: java.lang.NumberFormatException: …"). */
	static final Pattern JAVA_CLASS = Pattern.compile(
			"\\b(?:java|javax|jakarta|org|com|ca|net)\\.[a-z]\\w*(?:\\.[\\w$]+)+(?:Exception|Error)\\b:?\\s*");

	/** A database message passed on by HAPI (e.g. "could not execute batch [Value too long for column …]"). */
	static final Pattern DATABASE = Pattern.compile(
			"(?i)could not execute|\\bSQL|\\bcolumn\\b|constraint \\[|CHARACTER VARYING|duplicate key");

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException outgoing(RequestDetails request, Throwable thrown) {
		if (thrown instanceof BaseServerResponseException known && known.getStatusCode() < 500) {
			String message = known.getMessage();
			if (message != null && DATABASE.matcher(message).find()) {
				// HAPI quotes the database's own words (statement, column, constraint); the client gets ours
				return BaseServerResponseException.newInstance(known.getStatusCode(), "The write was not stored: it"
						+ " conflicts with stored data, or holds a value longer than the server can index");
			}
			if (message != null && JAVA_CLASS.matcher(message).find()) {
				return BaseServerResponseException.newInstance(known.getStatusCode(),
						JAVA_CLASS.matcher(message).replaceAll(""));
			}
			return known;
		}
		if (causedBy(thrown, NumberFormatException.class) || causedBy(thrown, DataFormatException.class)) {
			return new InvalidRequestException("A request parameter has a value in the wrong format"
					+ (request != null && request.getOperation() != null ? " for " + request.getOperation() : "")
					+ "; check numbers and dates");
		}
		String incident = UUID.randomUUID().toString();
		log.error("Incident {} on {} {}", incident, request == null ? "?" : request.getRequestType(),
				request == null ? "?" : request.getCompleteUrl(), thrown);
		return new InternalErrorException("An internal error occurred (incident " + incident
				+ "); the server's log has the details");
	}

	private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
		for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}
}
