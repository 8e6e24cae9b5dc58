package nl.zorgpad.profiles;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The profile validator, built in the background at start-up; callers wait only if it is not done yet. */
final class Profiles {
	private final CompletableFuture<ProfileValidator> validator;

	Profiles(CompletableFuture<ProfileValidator> validator) {
		this.validator = validator;
	}

	ProfileValidator validator() {
		return validator.join();
	}

	static Executor background(String name) {
		return task -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			thread.start();
		};
	}
}
