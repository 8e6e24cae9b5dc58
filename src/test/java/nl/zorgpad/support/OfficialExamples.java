package nl.zorgpad.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * The official FHIR R4 examples (npm package {@code hl7.fhir.r4.examples} 4.0.1, written by HL7, not by us):
 * downloaded once from the npm registry into {@code ~/.cache/zorgpad}, read straight from the tarball.
 */
public final class OfficialExamples {
	private static final String PACKAGE = "hl7.fhir.r4.examples-4.0.1.tgz";
	private static final URI REGISTRY = URI.create("https://registry.npmjs.org/hl7.fhir.r4.examples/-/" + PACKAGE);

	private OfficialExamples() {}

	/** Each example in the package's order: file name (e.g. {@code Patient-example.json}) and JSON text. */
	public static void forEach(java.util.function.BiConsumer<String, String> example) {
		try (InputStream tar = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball())))) {
			byte[] header = new byte[512];
			while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
				String name = new String(header, 0, 100, StandardCharsets.US_ASCII).trim().replace("\0", "");
				long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).trim().replace("\0", ""), 8);
				byte[] content = tar.readNBytes((int) size);
				tar.skipNBytes((512 - size % 512) % 512);
				String file = name.substring(name.lastIndexOf('/') + 1);
				if (name.startsWith("package/") && file.endsWith(".json") && !file.startsWith(".")
						&& !file.equals("package.json")) {
					example.accept(file, new String(content, StandardCharsets.UTF_8));
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static synchronized Path tarball() throws IOException {
		Path cached = Path.of(System.getProperty("user.home"), ".cache", "zorgpad", PACKAGE);
		if (Files.isRegularFile(cached) && Files.size(cached) > 0) {
			return cached;
		}
		Files.createDirectories(cached.getParent());
		Path partial = cached.resolveSibling(PACKAGE + ".part");
		try {
			HttpResponse<Path> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
					.connectTimeout(Duration.ofSeconds(30)).build()
					.send(HttpRequest.newBuilder(REGISTRY).timeout(Duration.ofMinutes(5)).build(),
							HttpResponse.BodyHandlers.ofFile(partial));
			if (response.statusCode() != 200) {
				throw new IOException("npm registry answered " + response.statusCode() + " for " + REGISTRY);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
		return Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}
}
