package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ErrorResponsesTest {
	private static final Pattern INCIDENT = Pattern.compile("incident ([0-9a-f-]{36})");

	@Test
	void aServerFault_isA500WithAGenericMessage_andAnIncidentIdTheLogHasWithTheException() {
		IllegalStateException fault = new IllegalStateException("HFJ_RESOURCE row 42 for Patient/secret is locked");
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		Logger logger = (Logger) LoggerFactory.getLogger(ErrorResponses.class);
		logger.addAppender(log);
		try {
			BaseServerResponseException answer = new ErrorResponses().outgoing(null, fault);

			assertThat(answer.getStatusCode()).isEqualTo(500);
			assertThat(answer.getMessage()).startsWith("An internal error occurred (incident ")
					.doesNotContain("HFJ_RESOURCE", "secret", "IllegalStateException");
			Matcher incident = INCIDENT.matcher(answer.getMessage());
			assertThat(incident.find()).as(answer.getMessage()).isTrue();
			assertThat(log.list).singleElement().satisfies(event -> {
				assertThat(event.getLevel()).isEqualTo(Level.ERROR);
				assertThat(event.getFormattedMessage()).contains(incident.group(1));
				assertThat(event.getThrowableProxy().getMessage()).isEqualTo(fault.getMessage());
			});
		} finally {
			logger.detachAppender(log);
		}
	}

	@Test
	void aConflictQuotingTheDatabase_keepsItsStatus_inOurOwnWords() {
		ResourceVersionConflictException conflict = new ResourceVersionConflictException(
				"could not execute batch [Value too long for column \"SP_URI CHARACTER VARYING(500)\"]");

		BaseServerResponseException answer = new ErrorResponses().outgoing(null, conflict);

		assertThat(answer.getStatusCode()).isEqualTo(409);
		assertThat(answer.getMessage()).startsWith("The write was not stored").doesNotContain("SP_URI", "could not");
	}
}
