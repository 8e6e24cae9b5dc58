package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps docker/Dockerfile and docker/docker-compose.yml in line with what the application reads
 * (pom.xml, application*.yaml). Plain JUnit, no Spring; paths are relative to the project root,
 * which is the working directory when Maven runs tests.
 */
class DockerConfigurationTest {

	private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
	private static final Path COMPOSE = Path.of("docker/docker-compose.yml");
	private static final Path RESOURCES = Path.of("src/main/resources");
	private static final Path POM = Path.of("pom.xml");

	/** The connection settings the postgres profile cannot do without in a container. */
	private static final List<String> DATABASE_VARIABLES =
			List.of("ZORGPAD_DB_HOST", "ZORGPAD_DB_NAME", "ZORGPAD_DB_USER", "ZORGPAD_DB_PASSWORD");

	private static final Set<String> HEALTH_PROBES =
			Set.of("/readyz", "/livez");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(ZORGPAD_[A-Z0-9_]+)");
	private static final Pattern URL = Pattern.compile("https?://[^\\s\"'|;]+");

	@Test
	void composeSetsEveryDatabaseVariableThePostgresProfileReads() {
		Set<String> readByProfile = placeholdersIn(RESOURCES.resolve("application-postgres.yaml"));

		assertThat(readByProfile).as("placeholders in application-postgres.yaml").containsAll(DATABASE_VARIABLES);
		assertThat(zorgpadEnvironment().keySet()).as("zorgpad service environment").containsAll(DATABASE_VARIABLES);
	}

	@Test
	void everyZorgpadVariableInComposeIsReadByTheApplication() {
		Set<String> readByApplication = new TreeSet<>();
		applicationYamlFiles().forEach(file -> readByApplication.addAll(placeholdersIn(file)));

		List<String> setByCompose = zorgpadEnvironment().keySet().stream()
				.filter(name -> name.startsWith("ZORGPAD_"))
				.toList();

		assertThat(setByCompose).isNotEmpty();
		assertThat(readByApplication).as("${...} placeholders in application*.yaml").containsAll(setByCompose);
	}

	@Test
	void composeActivatesOnlyProfilesThatHaveAConfigurationFile() {
		String active = zorgpadEnvironment().get("SPRING_PROFILES_ACTIVE");

		assertThat(active).as("SPRING_PROFILES_ACTIVE in compose").isNotBlank();
		for (String profile : active.split(",")) {
			assertThat(RESOURCES.resolve("application-" + profile.trim() + ".yaml")).exists();
		}
	}

	@Test
	void everyPublishedContainerPortIsExposed_andTheServerAndManagementListenOnExposedPorts() {
		List<String> exposed = instructions("EXPOSE");
		assertThat(exposed).as("EXPOSE instructions").hasSize(1);
		List<String> exposedPorts = java.util.Arrays.stream(exposed.get(0).trim().split("\\s+"))
				.map(port -> port.split("/")[0]).toList();

		List<Object> ports = list(zorgpadService().get("ports"));
		assertThat(ports).as("zorgpad ports in compose").isNotEmpty();
		for (Object mapping : ports) {
			String[] parts = String.valueOf(mapping).split(":");
			String containerPort = parts[parts.length - 1].split("/")[0];
			assertThat(exposedPorts).as("container port of " + mapping).contains(containerPort);
		}
		assertThat(exposedPorts).as("SERVER_PORT").contains(containerServerPort());
		assertThat(exposedPorts).as("ZORGPAD_MANAGEMENT_PORT").contains(imageEnvironment().get("ZORGPAD_MANAGEMENT_PORT"));
	}

	@Test
	void imageListensOnAllInterfacesSoThePublishedPortIsReachable() {
		// application.yaml binds to 127.0.0.1, which a published container port cannot reach.
		assertThat(imageEnvironment()).containsEntry("SERVER_ADDRESS", "0.0.0.0");
	}

	@Test
	void imageBindsTheManagementPortToAllInterfaces_throughTheVariableTheApplicationReads() {
		// management.server.address defaults to 127.0.0.1 too; the platform scrapes it from outside the container
		assertThat(ShippedConfiguration.binder().bind("management.server.address", String.class).get())
				.isEqualTo("${ZORGPAD_MANAGEMENT_ADDRESS:127.0.0.1}");
		assertThat(imageEnvironment()).containsEntry("ZORGPAD_MANAGEMENT_ADDRESS", "0.0.0.0");
	}

	@Test
	void imageRunsAsAnUnprivilegedUser() {
		List<String> users = instructions("USER");
		assertThat(users).as("USER in the run stage").isNotEmpty();
		String user = users.get(users.size() - 1).split(":")[0];
		assertThat(user).as("last USER").isNotIn("root", "0");
	}

	@Test
	void healthchecksProbeAnEnabledHealthGroupOnTheServerPort() {
		List<String> urls = new ArrayList<>();
		List<String> dockerHealthchecks = instructions("HEALTHCHECK");
		assertThat(dockerHealthchecks).as("HEALTHCHECK in Dockerfile").hasSize(1);
		urls.addAll(urlsIn(dockerHealthchecks.get(0)));

		Map<String, Object> composeHealthcheck = map(zorgpadService().get("healthcheck"));
		Object test = composeHealthcheck.get("test");
		urls.addAll(urlsIn(test instanceof List<?> parts ? String.join(" ", strings(parts)) : String.valueOf(test)));

		assertThat(urls).as("health URLs in Dockerfile and compose").hasSize(2);
		String serverPort = containerServerPort();
		for (String url : urls) {
			URI uri = URI.create(url);
			assertThat(uri.getPath()).as(url).isIn(HEALTH_PROBES);
			assertThat(String.valueOf(uri.getPort())).as("port of " + url).isEqualTo(serverPort);
		}

		Map<String, Object> management = map(readYaml(RESOURCES.resolve("application.yaml")).get("management"));
		Map<String, Object> health = map(map(management.get("endpoint")).get("health"));
		assertThat(map(health.get("probes")).get("enabled")).as("management.endpoint.health.probes.enabled")
				.isEqualTo(Boolean.TRUE);
		String exposedEndpoints = String.valueOf(map(map(management.get("endpoints")).get("web")).get("exposure"));
		assertThat(exposedEndpoints).as("management.endpoints.web.exposure").contains("health");
	}

	@Test
	void theImageRunsWithTheMeasuredHeapSettings_G1GivingBackWhatItDoesNotNeed() {
		// docs/benchmarks.md, "Heap settings": the same throughput, 1.4 instead of 2.3 GB resident
		assertThat(instructions("ENTRYPOINT")).singleElement().asString()
				.contains("\"-XX:MaxRAMPercentage=75\"", "\"-XX:MaxHeapFreeRatio=30\"", "\"-XX:MinHeapFreeRatio=10\"",
						"\"-XX:G1PeriodicGCInterval=30000\"");
	}

	@Test
	void dockerfileCopiesTheJarThePomBuilds() {
		String pom = read(POM).replaceAll("(?s)<parent>.*?</parent>", "");
		String version = firstGroup(pom, "<version>([^<]+)</version>");
		String finalName = firstGroup(pom, "<finalName>([^<]+)</finalName>");
		assertThat(finalName).as("<finalName>").isEqualTo("zorgpad-${project.version}");
		String builtJar = finalName.replace("${project.version}", version) + ".jar";

		List<String> jarCopies = instructions("COPY").stream().filter(copy -> copy.contains(".jar")).toList();
		assertThat(jarCopies).as("COPY of the jar").hasSize(1);
		String[] words = jarCopies.get(0).split("\\s+");
		String source = Path.of(words[words.length - 2]).getFileName().toString();
		String target = words[words.length - 1];

		// The source may be a glob (zorgpad-*.jar) so that version bumps need no Dockerfile change.
		assertThat(FileSystems.getDefault().getPathMatcher("glob:" + source).matches(Path.of(builtJar)))
				.as("COPY source %s matches the built jar %s", source, builtJar)
				.isTrue();
		assertThat(target).isEqualTo("/app/zorgpad.jar");
		assertThat(instructions("ENTRYPOINT")).singleElement().asString().contains(target);
	}

	// ---- Dockerfile: instructions of the final (run) stage ---------------------------------------

	private static List<String> instructions(String keyword) {
		return runStage().stream()
				.filter(line -> line.regionMatches(true, 0, keyword + " ", 0, keyword.length() + 1))
				.map(line -> line.substring(keyword.length()).trim())
				.toList();
	}

	/** Dockerfile lines after the last FROM, with comments dropped and continuation lines joined. */
	private static List<String> runStage() {
		List<String> joined = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : read(DOCKERFILE).split("\n")) {
			String trimmed = line.trim();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			joined.add(current.append(trimmed).toString().replaceAll("\\s+", " "));
			current.setLength(0);
		}
		int lastFrom = 0;
		for (int i = 0; i < joined.size(); i++) {
			if (joined.get(i).toUpperCase().startsWith("FROM ")) {
				lastFrom = i;
			}
		}
		return joined.subList(lastFrom, joined.size());
	}

	private static Map<String, String> imageEnvironment() {
		Map<String, String> env = new LinkedHashMap<>();
		for (String instruction : instructions("ENV")) {
			if (!instruction.split("\\s+")[0].contains("=")) { // legacy form: ENV KEY value
				String[] keyValue = instruction.split("\\s+", 2);
				env.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
				continue;
			}
			for (String pair : instruction.split("\\s+")) {
				String[] keyValue = pair.split("=", 2);
				env.put(keyValue[0], keyValue.length > 1 ? keyValue[1].replace("\"", "") : "");
			}
		}
		return env;
	}

	/** SERVER_PORT as the container sees it: set by compose, else by the image. */
	private static String containerServerPort() {
		return zorgpadEnvironment().getOrDefault("SERVER_PORT", imageEnvironment().get("SERVER_PORT"));
	}

	// ---- docker-compose.yml ----------------------------------------------------------------------

	private static Map<String, Object> zorgpadService() {
		Map<String, Object> services = map(readYaml(COMPOSE).get("services"));
		assertThat(services).as("compose services").containsKey("zorgpad");
		return map(services.get("zorgpad"));
	}

	/** The zorgpad service environment, in map or list ("KEY=value") form. */
	private static Map<String, String> zorgpadEnvironment() {
		Object environment = zorgpadService().get("environment");
		Map<String, String> env = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> env.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
		} else {
			for (String pair : strings(list(environment))) {
				String[] keyValue = pair.split("=", 2);
				env.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : null);
			}
		}
		return env;
	}

	// ---- small helpers ---------------------------------------------------------------------------

	private static List<Path> applicationYamlFiles() {
		try (Stream<Path> files = Files.list(RESOURCES)) {
			return files.filter(file -> file.getFileName().toString().matches("application(-.+)?\\.ya?ml")).toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Set<String> placeholdersIn(Path file) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = PLACEHOLDER.matcher(read(file));
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static List<String> urlsIn(String text) {
		List<String> urls = new ArrayList<>();
		Matcher matcher = URL.matcher(text);
		while (matcher.find()) {
			urls.add(matcher.group());
		}
		return urls;
	}

	private static String firstGroup(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s in %s", regex, POM).isTrue();
		return matcher.group(1).trim();
	}

	private static Map<String, Object> readYaml(Path file) {
		return map(new Yaml().load(read(file)));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Object>) value;
	}

	private static List<String> strings(List<?> values) {
		return values.stream().map(String::valueOf).toList();
	}

	private static String read(Path file) {
		assertThat(file).exists();
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
