package nl.zorgpad.screening;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Who is on the screening list, with the reason columns (the port; {@code store/ScreeningSql} reads HAPI's tables). */
public interface ScreeningPopulation {

	/** A patient on the list: database id, FHIR id, birth date. */
	record Candidate(long pid, String id, LocalDate birthDate) {}

	/** Per patient (database id): active medications, and the last ordinary contact (absent: never seen). */
	record Totals(Map<Long, Integer> medications, Map<Long, LocalDate> lastContacts) {}

	/** The reason columns besides age: active medications, last ordinary contact (null: none). */
	record Columns(int activeMedications, LocalDate lastContact) {}

	/**
	 * Everyone on the list, oldest first; the medication and contact filters use {@code totals} when the caller
	 * has them (null: read what the filters need).
	 */
	List<Candidate> candidates(ScreeningCriteria criteria, Totals totals);

	/** The reason columns for the patients of one page. */
	Map<Long, Columns> columns(Collection<Long> pids, LocalDate date);

	/** Active medications and last ordinary contact on or before {@code date}, for everyone. */
	Totals totals(LocalDate date);

	/** The current JSON of these patients (read through HAPI when it is not stored inline as JSON). */
	Map<Long, String> texts(Collection<Long> pids);
}
