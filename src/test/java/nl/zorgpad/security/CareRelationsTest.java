package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A professional's relation is kept while nothing it is made of changed, and worked out again once it did. */
class CareRelationsTest {
	private static final String NURSE = "Practitioner/nurse";

	/** The facts of one nurse in the care team of the patients in {@code team}; counts how often they are read. */
	private static final class Facts implements RelationSource {
		final Set<String> team = new HashSet<>(Set.of("anna"));
		long changes;
		int readings;

		@Override
		public List<Long> resource(String type, String id) {
			readings++;
			return List.of(1L);
		}

		@Override
		public Set<String> teamPatients(Collection<Long> people) {
			return Set.copyOf(team);
		}

		@Override
		public long changes() {
			return changes;
		}

		@Override
		public void countChange() {
			changes++;
		}

		@Override
		public List<Long> practitionersOfRoles(Collection<Long> roles) {
			return List.of();
		}

		@Override
		public List<Long> rolesOfPractitioner(String practitionerId) {
			return List.of();
		}

		@Override
		public List<Long> organizationsOfRoles(Collection<Long> roles) {
			return List.of();
		}

		@Override
		public List<Long> membersOfOrganizations(Collection<Long> organizations) {
			return List.of();
		}

		@Override
		public boolean anyInTheSocialDomain(Collection<Long> roles) {
			return false;
		}

		@Override
		public Set<String> listedWith(Collection<Long> targets) {
			return Set.of();
		}

		@Override
		public Set<String> references(Collection<Long> pids) {
			return Set.of();
		}

		@Override
		public List<Assigned> assignedTo(Collection<Long> people) {
			return List.of();
		}

		@Override
		public Set<String> workOf(Collection<String> patients) {
			return Set.of();
		}
	}

	private final Facts facts = new Facts();

	private static Clock on(String day) {
		return Clock.fixed(Instant.parse(day + "T10:00:00Z"), ZoneOffset.UTC);
	}

	@Test
	void aRelation_isReadOnce_whileNothingChanged() {
		CareRelations relations = new CareRelations(facts, null, on("2026-12-03"));

		assertThat(relations.of(NURSE).patients()).containsExactly("anna");
		assertThat(relations.of(NURSE).patients()).containsExactly("anna");

		assertThat(facts.readings).isEqualTo(1);
	}

	@Test
	void aCountedChange_anywhereOnTheDatabase_makesTheNextRequestReadTheRelationAgain() {
		CareRelations relations = new CareRelations(facts, null, on("2026-12-03"));
		relations.of(NURSE);

		facts.team.add("carl");
		facts.countChange(); // e.g. a CareTeam written on another replica

		assertThat(relations.of(NURSE).patients()).containsExactlyInAnyOrder("anna", "carl");
		assertThat(facts.readings).isEqualTo(2);
	}

	@Test
	void aNewDay_readsTheRelationAgain_becauseConsentsRunOutByDate() {
		MutableClock clock = new MutableClock(on("2026-12-03"));
		CareRelations relations = new CareRelations(facts, null, clock);
		relations.of(NURSE);

		clock.now = on("2026-12-04");
		relations.of(NURSE);

		assertThat(facts.readings).isEqualTo(2);
	}

	@Test
	void eachProfessional_hasHerOwnRelation() {
		CareRelations relations = new CareRelations(facts, null, on("2026-12-03"));
		relations.of(NURSE);
		relations.of("Practitioner/doctor");

		assertThat(facts.readings).isEqualTo(2);
	}

	private static final class MutableClock extends Clock {
		Clock now;

		MutableClock(Clock now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return now.getZone();
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return now.withZone(zone);
		}

		@Override
		public Instant instant() {
			return now.instant();
		}
	}
}
