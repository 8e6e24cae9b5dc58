package nl.zorgpad.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {
	private final BodyBudget budget = new BodyBudget(100 * 1024, Duration.ofMillis(50));

	@Test
	void aBodyThatFits_isAdmitted_andGivesItsBytesBackWhenDone() {
		BodyBudget.Reservation reservation = budget.reserve(60 * 1024);
		assertThat(reservation).isNotNull();
		assertThat(budget.available()).isEqualTo(40);

		reservation.close();

		assertThat(budget.available()).isEqualTo(100);
	}

	@Test
	void aBodyThatDoesNotFitBesideTheOthers_isRefusedAfterItsWait() {
		BodyBudget.Reservation first = budget.reserve(60 * 1024);

		assertThat(budget.reserve(60 * 1024)).isNull();
		assertThat(budget.available()).isEqualTo(40);

		first.close();
		assertThat(budget.reserve(60 * 1024)).isNotNull();
	}

	@Test
	void aBodyLargerThanTheWholeBudget_takesAllOfIt_ratherThanNeverFitting() {
		BodyBudget.Reservation reservation = budget.reserve(500 * 1024);

		assertThat(reservation).isNotNull();
		assertThat(budget.available()).isZero();
	}

	@Test
	void aBodyWithoutLength_reservesAsItGrows_andFailsWhenNoRoomIsLeft() {
		BodyBudget.Reservation other = budget.reserve(70 * 1024);
		BodyBudget.Reservation chunked = budget.reserve(0);
		assertThat(budget.available()).isEqualTo(30);

		chunked.growTo(20 * 1024);
		assertThat(budget.available()).isEqualTo(10);
		assertThatThrownBy(() -> chunked.growTo(40 * 1024)).isInstanceOf(BodyBudget.Exhausted.class);

		chunked.close();
		other.close();
		assertThat(budget.available()).isEqualTo(100);
	}
}
