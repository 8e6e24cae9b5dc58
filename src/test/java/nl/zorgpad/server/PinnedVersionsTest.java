package nl.zorgpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.util.VersionUtil;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.hibernate.Version;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/** The versions README.md and decisions.md name are the ones on the classpath, not only the ones in the pom. */
class PinnedVersionsTest {

	@Test
	void hapi_springBoot_hibernate_andCommonsLang_areTheVersionsTheDocsName() throws IOException {
		assertThat(VersionUtil.getVersion()).isEqualTo("8.8.0");
		assertThat(SpringBootVersion.getVersion()).isEqualTo("3.5.7");
		assertThat(Version.getVersionString()).isEqualTo("6.6.4.Final");
		assertThat(mavenVersion("org.apache.commons", "commons-lang3")).isEqualTo("3.18.0");
	}

	private static String mavenVersion(String group, String artifact) throws IOException {
		String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
		try (InputStream in = PinnedVersionsTest.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
	}
}
