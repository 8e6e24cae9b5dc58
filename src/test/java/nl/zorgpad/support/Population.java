package nl.zorgpad.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small synthetic population, loaded into the running test server by {@code scripts/generate-population.py}
 * (through the public FHIR API, as a user would) — once per server. The generator's manifest holds what
 * it created per patient: the known answers the population operations are checked against. Its two GP
 * practices are new Organizations, so filtering on them leaves out what other tests stored.
 */
public final class Population {
	public static final int PATIENTS = 400;
	public static final int SEED = 21;
	private static final Map<Integer, Population> LOADED = new HashMap<>();

	public record Meeting(String type, LocalDate date, String status) {}

	public record Consent(String category, String provision, String status, LocalDate date, LocalDate periodEnd) {}

	public record Trajectory(String status, LocalDate start) {}

	/** An Encounter that is not a contact: planned, cancelled or entered in error. */
	public record NonContact(String status, LocalDate date) {}

	/**
	 * An ICPC episode (A49.01, A05, A20) as the generator wrote it: clinical status {@code active}, {@code resolved},
	 * or none when the verification status is {@code entered-in-error}; the frailty status of its stage (none for A20).
	 */
	public record Episode(String code, String status, String clinicalStatus, String verificationStatus, LocalDate onset,
			LocalDate recorded, LocalDate abatement) {
		public boolean isActive() {
			return "active".equals(clinicalStatus);
		}

		public boolean isEnteredInError() {
			return "entered-in-error".equals(verificationStatus);
		}

		/** The day the episode started: its onset, else the day it was recorded. */
		public LocalDate day() {
			return onset != null ? onset : recorded;
		}
	}

	/**
	 * One generated patient. {@code practice} is the Organization id of the practice, however the patient names it
	 * ({@code listedVia}: organization, role or practitioner); {@code activeMedications} counts the active
	 * MedicationStatements, {@code activeMedicationRequests} the active prescriptions besides them; {@code
	 * lastContact} is the last ordinary contact (not a meeting, not a {@link NonContact}).
	 */
	public record Patient(String id, String practice, String listedVia, boolean active, LocalDate deceased,
			String deceasedRecordedAs, LocalDate birthDate, int age, String frailtyStatus, int activeMedications,
			int activeMedicationRequests, int stoppedMedicationRequests, LocalDate lastContact,
			List<NonContact> nonContacts, LocalDate acp, boolean hasCarePlan, List<Meeting> meetings,
			List<Consent> consents, Trajectory trajectory, List<Episode> episodes) {
		/** Whether the patient has an active A05 episode. */
		public boolean hasA05() {
			return episodes.stream().anyMatch(e -> "A05".equals(e.code()) && e.isActive());
		}

		/** Still on the practice's list: not marked inactive, not deceased. */
		public boolean isListed() {
			return active && deceased == null;
		}

		/** Active medications as a list counts them: statements and prescriptions. */
		public int activeMedicines() {
			return activeMedications + activeMedicationRequests;
		}

		/** Whether an active episode with this ICPC code had started on {@code date}. */
		public boolean hasActiveEpisode(String code, LocalDate date) {
			return episodes.stream().anyMatch(e -> code.equals(e.code()) && e.isActive() && !e.day().isAfter(date));
		}

		/**
		 * The frailty status on {@code date} as docs/pathway.md defines it: the stage of the latest (by recorded
		 * date) active A49.01/A05 episode recorded on or before that day; null for none.
		 */
		public String statusOn(LocalDate date) {
			return episodes.stream()
					.filter(e -> ("A49.01".equals(e.code()) || "A05".equals(e.code())) && e.isActive())
					.filter(e -> !e.recorded().isAfter(date))
					.max(java.util.Comparator.comparing(Episode::recorded))
					.map(Episode::status).orElse(null);
		}
	}

	private final LocalDate referenceDate;
	private final List<Patient> patients;
	private final List<String> practices;

	private Population(LocalDate referenceDate, List<Patient> patients, List<String> practices) {
		this.referenceDate = referenceDate;
		this.patients = patients;
		this.practices = practices;
	}

	/** The population on the server at {@code port}, generated on first use. */
	public static synchronized Population on(int port) {
		return LOADED.computeIfAbsent(port, Population::generate);
	}

	public LocalDate referenceDate() {
		return referenceDate;
	}

	public List<Patient> patients() {
		return patients;
	}

	/** Organization ids of the generated practices. */
	public List<String> practices() {
		return practices;
	}

	public List<Patient> at(String practice) {
		return patients.stream().filter(p -> p.practice().equals(practice)).toList();
	}

	private static Population generate(int port) {
		LocalDate today = Fixtures.today();
		try {
			Path manifest = Files.createTempFile("population-", ".json");
			Process generator = new ProcessBuilder("python3", "scripts/generate-population.py",
					"--base", "http://127.0.0.1:" + port + "/fhir", "--patients", Integer.toString(PATIENTS),
					"--seed", Integer.toString(SEED), "--practices", "2", "--reference-date", today.toString(),
					"--manifest", manifest.toString(), "--token", Tokens.system())
					.redirectErrorStream(true)
					.redirectOutput(new File("target/population-" + port + ".log"))
					.start();
			assertThat(generator.waitFor(10, TimeUnit.MINUTES)).as("generator finished").isTrue();
			assertThat(generator.exitValue()).as("generator exit status (see target/population-%d.log)", port).isZero();
			return read(new ObjectMapper().readTree(manifest.toFile()), today);
		} catch (IOException e) {
			throw new IllegalStateException("could not run scripts/generate-population.py", e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static Population read(JsonNode manifest, LocalDate today) {
		List<Patient> patients = new ArrayList<>();
		for (JsonNode p : manifest.path("patients")) {
			assertThat(p.path("loaded").asBoolean()).as("patient %s loaded", p.path("synthetic_id").asText()).isTrue();
			List<Meeting> meetings = new ArrayList<>();
			p.path("meetings").forEach(m -> meetings.add(
					new Meeting(m.path("type").asText(), day(m.path("date")), m.path("status").asText())));
			List<Consent> consents = new ArrayList<>();
			p.path("consents").forEach(c -> consents.add(new Consent(c.path("category").asText(),
					c.path("provision").asText(), c.path("status").asText(), day(c.path("date")), day(c.path("period_end")))));
			List<NonContact> nonContacts = new ArrayList<>();
			p.path("non_contacts").forEach(n -> nonContacts.add(new NonContact(n.path("status").asText(), day(n.path("date")))));
			List<Episode> episodes = new ArrayList<>();
			p.path("episodes").forEach(e -> episodes.add(new Episode(e.path("code").asText(), text(e.path("status")),
					text(e.path("clinical_status")), text(e.path("verification_status")), day(e.path("onset")),
					day(e.path("recorded")), day(e.path("abatement")))));
			JsonNode t = p.path("trajectory");
			patients.add(new Patient(p.path("id").asText(), p.path("practice_id").asText().replace("Organization/", ""),
					p.path("listed_via").asText(), p.path("active").asBoolean(), day(p.path("deceased")),
					text(p.path("deceased_recorded_as")), day(p.path("birth_date")), p.path("age").asInt(),
					text(p.path("frailty_status")), p.path("active_medications").asInt(),
					p.path("active_medication_requests").asInt(), p.path("stopped_medication_requests").asInt(),
					day(p.path("last_contact")), nonContacts, day(p.path("acp")), p.path("has_care_plan").asBoolean(),
					meetings, consents, t.isObject() ? new Trajectory(t.path("status").asText(), day(t.path("start"))) : null,
					episodes));
		}
		List<String> practices = new ArrayList<>();
		manifest.path("practices").forEach(p -> practices.add(p.path("id").asText().replace("Organization/", "")));
		return new Population(today, patients, practices);
	}

	private static LocalDate day(JsonNode node) {
		return node.isTextual() ? LocalDate.parse(node.asText().substring(0, 10)) : null;
	}

	private static String text(JsonNode node) {
		return node.isTextual() ? node.asText() : null;
	}
}
