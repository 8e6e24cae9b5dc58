package nl.zorgpad.server;

import java.util.List;
import org.hl7.fhir.r4.model.Extension;

/**
 * One population operation's list, defined once and shown two ways by {@link PopulationAnswers}: a page of a
 * searchset Bundle (an entry per row: the resource the row is about, with an extension that explains it) or the
 * whole list as a CSV file.
 *
 * @param <R> a row of the list
 */
public interface PopulationList<R> {

	/**
	 * The rows in the order shown. {@code whole} when every row will be written (CSV), so that population-wide
	 * facts are best read once now; otherwise only a page of them will be shown.
	 */
	List<R> rows(boolean whole);

	/** The patient a row concerns (a Patient id): what the audit trail records as shown. */
	String patient(R row);

	/** The stored resource an entry shows for the row ({@code Patient/1}, {@code Consent/7}). */
	String resource(R row);

	/** The extensions that explain the rows of one page, in their order. */
	List<Extension> details(List<R> rows);

	/** The CSV file's name. */
	String fileName();

	/** The CSV header. */
	List<String> header();

	/** The CSV lines of consecutive rows (asked per chunk of at most 1,000 rows), in their order. */
	List<List<String>> lines(List<R> rows);
}
