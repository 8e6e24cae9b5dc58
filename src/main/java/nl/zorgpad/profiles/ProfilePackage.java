package nl.zorgpad.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The npm-style FHIR package {@code zorgpad.fhir.r4} that the build packs from {@code fhir-profiles/}.
 * Conformance resources live in {@code package/}, examples in {@code package/examples/}.
 */
public final class ProfilePackage {
	public static final String CLASSPATH_LOCATION = "fhir-package/zorgpad.fhir.r4.tgz";
	public static final String CANONICAL_BASE = "https://zorgpad.nl/fhir";

	private final byte[] archive;
	private final Map<String, byte[]> files;

	private ProfilePackage(byte[] archive, Map<String, byte[]> files) {
		this.archive = archive;
		this.files = files;
	}

	public static ProfilePackage fromClasspath() {
		try (InputStream in = ProfilePackage.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
			if (in == null) {
				throw new IllegalStateException(CLASSPATH_LOCATION + " is missing: build with Maven, which packs fhir-profiles/");
			}
			return fromArchive(in.readAllBytes());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ProfilePackage fromArchive(byte[] archive) throws IOException {
		Map<String, byte[]> files = new LinkedHashMap<>();
		try (TarArchiveInputStream tar =
				new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				if (entry.isFile()) {
					files.put(entry.getName(), tar.readAllBytes());
				}
			}
		}
		return new ProfilePackage(archive, files);
	}

	/** The archive as built, for download. */
	public byte[] archive() {
		return archive.clone();
	}

	/**
	 * The archive with these files replaced (by path), everything else as built: the served package carries the
	 * profiles with their generated snapshots, which the source folder keeps differential-only.
	 */
	byte[] archiveWith(Map<String, byte[]> replaced) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
				new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
						new java.util.zip.GZIPOutputStream(bytes))) {
			tar.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				byte[] content = replaced.getOrDefault(file.getKey(), file.getValue());
				TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
				entry.setSize(content.length);
				tar.putArchiveEntry(entry);
				tar.write(content);
				tar.closeArchiveEntry();
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** The path of each StructureDefinition in {@code package/}, by its canonical URL. */
	Map<String, String> structureDefinitionPaths(FhirContext context) {
		Map<String, String> paths = new LinkedHashMap<>();
		files.forEach((path, content) -> {
			if (path.startsWith("package/StructureDefinition-") && path.endsWith(".json")) {
				Resource resource = (Resource) context.newJsonParser().parseResource(new String(content,
						java.nio.charset.StandardCharsets.UTF_8));
				if (resource instanceof StructureDefinition definition) {
					paths.put(definition.getUrl(), path);
				}
			}
		});
		return paths;
	}

	/** The conformance resources: every JSON resource directly in {@code package/}. */
	public List<Resource> conformanceResources(FhirContext context) {
		return resourcesIn("package/", context);
	}

	/** The valid examples in {@code package/examples/}. */
	public List<Resource> examples(FhirContext context) {
		return resourcesIn("package/examples/", context);
	}

	private List<Resource> resourcesIn(String folder, FhirContext context) {
		List<Resource> resources = new ArrayList<>();
		files.forEach((path, content) -> {
			String name = path.startsWith(folder) ? path.substring(folder.length()) : "/";
			boolean resourceFile = !name.contains("/") && name.endsWith(".json") && !name.equals("package.json")
					&& !name.startsWith("."); // .index.json: the package index, not a resource
			if (resourceFile) {
				IBaseResource resource = context.newJsonParser()
						.parseResource(new String(content, StandardCharsets.UTF_8));
				resources.add((Resource) resource);
			}
		});
		return resources;
	}
}
