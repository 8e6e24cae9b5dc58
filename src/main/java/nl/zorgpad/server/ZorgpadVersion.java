package nl.zorgpad.server;

/** The version of this build, from the jar manifest (absent when running from classes). */
final class ZorgpadVersion {
	private ZorgpadVersion() {}

	static String current() {
		String version = ZorgpadVersion.class.getPackage().getImplementationVersion();
		return version != null ? version : "dev";
	}
}
