package nl.zorgpad.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The request bytes the server holds at once (bodies being received, buffered or parsed), counted in KiB: a
 * request reserves its declared length before it is read — a body without a length reserves as it is buffered —
 * and gives it back when its response is written. One request may take the whole budget; a request that does
 * not fit waits up to {@code wait} for others to finish, then is refused (the caller answers 503).
 */
final class BodyBudget {
	private static final int KIB = 1024;

	private final Semaphore kib;
	private final int total;
	private final long waitNanos;

	BodyBudget(long bytes, Duration wait) {
		this.total = (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes / KIB));
		this.kib = new Semaphore(total, true);
		this.waitNanos = wait.toNanos();
	}

	/** A reservation of {@code bytes} (0: nothing yet), or null when they did not become free in time. */
	Reservation reserve(long bytes) {
		Reservation reservation = new Reservation();
		try {
			reservation.growTo(bytes);
			return reservation;
		} catch (Exhausted exhausted) {
			return null;
		}
	}

	/** KiB free now. */
	int available() {
		return kib.availablePermits();
	}

	/** Thrown when a growing reservation cannot get its bytes in time. */
	static final class Exhausted extends RuntimeException {
		Exhausted() {
			super(null, null, false, false);
		}
	}

	/** Bytes held for one request until it is closed. */
	final class Reservation implements AutoCloseable {
		private int held;

		/** Holds at least {@code bytes} (at most the whole budget); throws {@link Exhausted} when not in time. */
		void growTo(long bytes) {
			int wanted = (int) Math.min(total, (bytes + KIB - 1) / KIB);
			if (wanted <= held) {
				return;
			}
			try {
				if (!kib.tryAcquire(wanted - held, waitNanos, TimeUnit.NANOSECONDS)) {
					throw new Exhausted();
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new Exhausted();
			}
			held = wanted;
		}

		@Override
		public void close() {
			kib.release(held);
			held = 0;
		}
	}
}
