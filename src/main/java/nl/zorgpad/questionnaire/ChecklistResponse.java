package nl.zorgpad.questionnaire;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import nl.zorgpad.rules.PureDomain;

/**
 * A response to one of the yes/no criteria lists ({@code complex-kwetsbaar-criteria}, {@code gzsp-inclusie},
 * {@code gzsp-stop}), reduced to what the rules read.
 *
 * @param day the day the checklist belongs to: the day of the meeting it records (QuestionnaireResponse.encounter),
 *        else the day it was authored — a form filled in after its meeting counts on the meeting's day
 * @param completed QuestionnaireResponse.status is completed
 * @param answers the boolean answer per item linkId (true = yes); an unanswered item is absent
 */
@PureDomain
public record ChecklistResponse(LocalDate day, boolean completed, Map<String, Boolean> answers) {

	public ChecklistResponse {
		Objects.requireNonNull(day, "day");
		answers = Map.copyOf(Objects.requireNonNullElse(answers, Map.of()));
	}

	/** The items (in the given order) not answered yes: answered no, or not answered. */
	public List<String> notYes(List<String> items) {
		return items.stream().filter(item -> !Boolean.TRUE.equals(answers.get(item))).toList();
	}

	/**
	 * The most recent completed response whose day lies between {@code from} and {@code until} (both inclusive; a
	 * null bound is open). On the same day the later one in the list wins.
	 */
	public static Optional<ChecklistResponse> latestCompleted(
			Collection<ChecklistResponse> responses, LocalDate from, LocalDate until) {
		return responses.stream()
				.filter(ChecklistResponse::completed)
				.filter(response -> from == null || !response.day().isBefore(from))
				.filter(response -> until == null || !response.day().isAfter(until))
				.reduce((earlier, later) -> later.day().isBefore(earlier.day()) ? earlier : later);
	}
}
