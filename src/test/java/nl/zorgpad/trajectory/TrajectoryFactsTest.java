package nl.zorgpad.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import nl.zorgpad.fhir.Codes;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class TrajectoryFactsTest {

	@Test
	void aGzspEpisodeOfCare_readsAsATrajectoryWithPhaseStatusAndPredecessor() {
		EpisodeOfCare episode = new EpisodeOfCare().setStatus(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
		episode.setId("EpisodeOfCare/traject-2");
		episode.addType(new CodeableConcept(new Coding(Codes.BASE + "episode-type", "gzsp-zorgtraject", null)));
		episode.addType(new CodeableConcept(new Coding(Codes.BASE + "zorgtraject-phase", "vervolgfase", null)));
		episode.addExtension(TrajectoryFacts.PREVIOUS_TRAJECTORY, new Reference("EpisodeOfCare/traject-1"));

		assertThat(TrajectoryFacts.isTrajectory(episode)).isTrue();
		assertThat(TrajectoryFacts.of(episode))
				.contains(new Trajectory("traject-2", TrajectoryPhase.VERVOLGFASE, TrajectoryStatus.ACTIVE));
		assertThat(TrajectoryFacts.previousId(episode)).isEqualTo("traject-1");
	}

	@Test
	void anotherEpisodeOfCare_orOneWithoutStatus_isNoTrajectoryTheRulesRead() {
		EpisodeOfCare other = new EpisodeOfCare().setStatus(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
		assertThat(TrajectoryFacts.isTrajectory(other)).isFalse();
		assertThat(TrajectoryFacts.phaseOf(other)).isEmpty();
		assertThat(TrajectoryFacts.previousId(other)).isNull();
		assertThat(TrajectoryFacts.statusOf(new EpisodeOfCare())).isEmpty();
		assertThat(TrajectoryFacts.of(new EpisodeOfCare())).isEmpty();
	}

	@Test
	void everyStatusAndPhaseCode_readsBack() {
		for (TrajectoryStatus status : TrajectoryStatus.values()) {
			assertThat(TrajectoryStatus.fromCode(status.code())).contains(status);
		}
		assertThat(TrajectoryStatus.fromCode("unknown")).isEmpty();
		assertThat(TrajectoryPhase.fromCode("startfase")).contains(TrajectoryPhase.STARTFASE);
		assertThat(TrajectoryPhase.fromCode("eindfase")).isEmpty();
	}
}
