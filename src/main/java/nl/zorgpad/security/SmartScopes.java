package nl.zorgpad.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.zorgpad.rules.PureDomain;

/**
 * SMART App Launch scopes from a token's {@code scope} claim: v2 ({@code patient/Observation.rs},
 * {@code system/*.cruds}) and v1 ({@code user/CarePlan.read}, {@code .write}, {@code .*}). Anything else
 * ({@code openid}, {@code launch}, {@code fhirUser}, …) grants no data access and is ignored.
 */
@PureDomain
record SmartScopes(List<Scope> scopes) {
	enum Context { PATIENT, USER, SYSTEM }

	enum Interaction { CREATE, READ, UPDATE, DELETE, SEARCH }

	/** One scope: context, resource type ({@code *} for all) and the interactions it grants. */
	record Scope(Context context, String resourceType, Set<Interaction> interactions) {
		boolean covers(String type) {
			return "*".equals(resourceType) || resourceType.equals(type);
		}
	}

	private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/([A-Za-z]+|\\*)\\.([a-z*]+)");

	static SmartScopes parse(String claim) {
		List<Scope> scopes = new ArrayList<>();
		if (claim != null) {
			for (String token : claim.trim().split("\\s+")) {
				Matcher match = SCOPE.matcher(token);
				if (match.matches()) {
					Set<Interaction> interactions = interactions(match.group(3));
					if (!interactions.isEmpty()) {
						scopes.add(new Scope(Context.valueOf(match.group(1).toUpperCase(Locale.ROOT)), match.group(2),
								interactions));
					}
				}
			}
		}
		return new SmartScopes(List.copyOf(scopes));
	}

	private static Set<Interaction> interactions(String permissions) {
		Set<Interaction> granted = EnumSet.noneOf(Interaction.class);
		switch (permissions) {
			case "read" -> granted.addAll(List.of(Interaction.READ, Interaction.SEARCH));
			case "write" -> granted.addAll(List.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE));
			case "*" -> granted.addAll(EnumSet.allOf(Interaction.class));
			default -> {
				if (!permissions.matches("c?r?u?d?s?")) {
					return granted; // not in the v2 order: not a scope we understand
				}
				for (char c : permissions.toCharArray()) {
					granted.add(switch (c) {
						case 'c' -> Interaction.CREATE;
						case 'r' -> Interaction.READ;
						case 'u' -> Interaction.UPDATE;
						case 'd' -> Interaction.DELETE;
						default -> Interaction.SEARCH;
					});
				}
			}
		}
		return granted;
	}

	/** Whether any scope of this context grants the interaction on the type (wildcards included). */
	boolean allows(Context context, String type, Interaction interaction) {
		return scopes.stream().anyMatch(s -> s.context() == context && s.covers(type)
				&& s.interactions().contains(interaction));
	}

	/** Like {@link #allows}, but only a scope naming the type itself counts (no {@code *}). */
	boolean allowsExplicitly(Context context, String type, Interaction interaction) {
		return scopes.stream().anyMatch(s -> s.context() == context && s.resourceType().equals(type)
				&& s.interactions().contains(interaction));
	}

	boolean has(Context context) {
		return scopes.stream().anyMatch(s -> s.context() == context);
	}
}
