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
 * @param authored the day of QuestionnaireResponse.authored
 * @param completed QuestionnaireResponse.status is completed
 * @param answers the boolean answer per item linkId (true = yes); an unanswered item is absent
 */
@PureDomain
public record ChecklistResponse(LocalDate authored, boolean completed, Map<String, Boolean> answers) {

	public ChecklistResponse {
		Objects.requireNonNull(authored, "authored");
		answers = Map.copyOf(Objects.requireNonNullElse(answers, Map.of()));
	}

	/** The items (in the given order) not answered yes: answered no, or not answered. */
	public List<String> notYes(List<String> items) {
		return items.stream().filter(item -> !Boolean.TRUE.equals(answers.get(item))).toList();
	}

	/**
	 * The most recent completed response authored between {@code from} and {@code until} (both inclusive; a
	 * null bound is open). On the same day the later one in the list wins.
	 */
	public static Optional<ChecklistResponse> latestCompleted(
			Collection<ChecklistResponse> responses, LocalDate from, LocalDate until) {
		return responses.stream()
				.filter(ChecklistResponse::completed)
				.filter(response -> from == null || !response.authored().isBefore(from))
				.filter(response -> until == null || !response.authored().isAfter(until))
				.reduce((earlier, later) -> later.authored().isBefore(earlier.authored()) ? earlier : later);
	}
}
