package nl.zorgpad.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The built jar started as an operator starts it, in a process of its own, ready when it has said so. */
public final class JarProcess implements AutoCloseable {
	private static final Pattern PORT = Pattern.compile("Tomcat started on port[s]? (\\d+)");
	private final Process process;
	private final List<String> console = new ArrayList<>();
	private int port;

	private JarProcess(Process process) {
		this.process = process;
	}

	/** Starts {@code java -jar target/zorgpad-*.jar arguments…} and returns once the application has started. */
	public static JarProcess start(List<String> arguments) throws IOException {
		return start(arguments, Path.of(""));
	}

	/** The same in another working directory (where {@code ./data} is). */
	public static JarProcess start(List<String> arguments, Path workingDirectory) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar().toAbsolutePath().toString()));
		command.addAll(arguments);
		JarProcess started = new JarProcess(new ProcessBuilder(command).directory(workingDirectory.toAbsolutePath().toFile())
				.redirectErrorStream(true).start());
		started.awaitStarted();
		return started;
	}

	private void awaitStarted() throws IOException {
		BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = lines.readLine()) != null && console.size() < 2_000) {
			console.add(line);
			Matcher started = PORT.matcher(line);
			if (port == 0 && started.find()) {
				port = Integer.parseInt(started.group(1)); // the first Tomcat is the FHIR port
			}
			if (line.contains("Started ZorgpadApplication")) {
				Thread drain = new Thread(() -> { // keep the pipe from filling up, until the process is gone
					try {
						lines.lines().forEach(rest -> {});
					} catch (java.io.UncheckedIOException gone) {
						// the stream closes with the process
					}
				});
				drain.setDaemon(true);
				drain.start();
				return;
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException("the jar did not start; its last lines:\n"
				+ String.join("\n", console.subList(Math.max(0, console.size() - 40), console.size())));
	}

	/** The FHIR port. */
	public int port() {
		return port;
	}

	/** The console lines up to and including "Started". */
	public List<String> console() {
		return console;
	}

	/** {@code kill -9}: no shutdown hook, no flush, nothing finished. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

	private static Path jar() throws IOException {
		try (Stream<Path> built = Files.list(Path.of("target"))) {
			return built.filter(path -> path.getFileName().toString().matches("zorgpad-.*\\.jar")).findFirst()
					.orElseThrow(() -> new IllegalStateException("no built jar in target/ (failsafe runs after package)"));
		}
	}
}
