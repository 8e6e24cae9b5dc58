import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * HTTP benchmark for any FHIR R4 server; single-file Java program with no dependencies.
 * Run with `java scripts/bench/Bench.java --help`.
 */
public class Bench {

    static final String USAGE = """
            Usage:
              java scripts/bench/Bench.java --base http://127.0.0.1:8080/fhir [options]
              java scripts/bench/Bench.java --start-jar target/zorgpad-0.1.0-SNAPSHOT.jar [options]

            Talks plain HTTP to a FHIR R4 server, warms up, then times each benchmark and prints
            count, median, p95, mean (ms) and throughput. Non-2xx responses are errors: counted and
            shown, never timed.

            Benchmarks (all by default):
              create           POST Patient with a fresh identifier
              read             GET Patient/{id}
              search           GET Patient?family=...&_count=20
              transaction      transaction Bundle of 20 resources (Patient, Encounters, Observations,
                               Conditions) linked by urn:uuid references
              metadata         GET metadata
              concurrent-read  GET Patient/{id} on --concurrency connections for --duration-seconds

            Options:
              --base URL               FHIR base URL of a running server
              --start-jar JAR          start this Spring Boot jar on a free port with a fresh H2 database,
                                       time it to /readyz, report its RSS, stop it
              --jvm-args "..."         JVM options for --start-jar (split on spaces)
              --app-args "..."         application arguments for --start-jar (split on spaces); when they
                                       set spring.datasource.url or spring.profiles.active, no H2 URL is added
              --start-timeout-seconds N  how long to wait for readiness (default 300)
              --iterations N           measured requests per benchmark (default 200)
              --warmup N               warm-up requests per benchmark (default 50)
              --concurrency N          connections for concurrent-read (default 4)
              --duration-seconds N     duration of concurrent-read (default 10)
              --token TOKEN            send "Authorization: Bearer TOKEN"
              --header "Name: value"   extra request header (repeatable)
              --only a,b,...           run only these benchmarks (names above or --custom names)
              --custom NAME=METHOD:PATH[:BODYFILE]
                                       extra timed request (repeatable). PATH is relative to the base
                                       (or an absolute URL); BODYFILE is sent as fhir+json (fhir+xml if
                                       it ends in .xml). In PATH and body, {{uuid}} becomes a fresh UUID,
                                       {{i}} the request number, {{patient}} the id of a bench Patient and
                                       {{family}} their family name.
                                       Example: --custom validated-create=POST:Patient:patient.json
              --help                   this text
            """;

    static final List<String> BENCHMARKS =
            List.of("create", "read", "search", "transaction", "metadata", "concurrent-read");
    static final int PATIENT_POOL = 20;
    static final int MAX_ERROR_EXAMPLES = 3;

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(USAGE);
            return;
        }
        try {
            if (options.startJar == null) {
                new Bench(options, options.base).run();
                return;
            }
            try (Server server = Server.start(options)) {
                System.out.printf(Locale.ROOT, "server ready in %.1f s, RSS %s%n", server.readySeconds, server.memory());
                new Bench(options, server.base()).run();
                System.out.printf(Locale.ROOT, "server RSS: %s after start, %s at end%n", server.rssAfterStart, server.memory());
            }
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    // ---- benchmarks ------------------------------------------------------------------------------

    private final Options options;
    private final Fhir fhir;
    private final String family = "Bench" + randomLetters(8);
    private final List<String> patientIds = new ArrayList<>();

    Bench(Options options, String base) {
        this.options = options;
        this.fhir = new Fhir(base, options.headers());
    }

    void run() throws Exception {
        System.out.printf(Locale.ROOT, "base %s: %d iterations after %d warm-up; concurrent-read %d connections for %d s%n",
                fhir.base, options.iterations, options.warmup, options.concurrency, options.durationSeconds);
        Response metadata = fhir.send(fhir.request("GET", "metadata", null, null));
        if (!metadata.ok()) {
            throw new IllegalStateException("GET metadata failed: " + metadata.describe());
        }
        if (needsPatients()) {
            createPatientPool();
        }

        List<Result> results = new ArrayList<>();
        for (String name : BENCHMARKS) {
            if (!options.selected(name)) {
                continue;
            }
            System.err.println("running " + name + " ...");
            results.add(switch (name) {
                case "create" -> sequential(name, i -> fhir.request("POST", "Patient", patient(family + "Create"), null));
                case "read" -> sequential(name, i -> fhir.request("GET", "Patient/" + pooledPatient(i), null, null));
                case "search" -> sequential(name,
                        i -> fhir.request("GET", "Patient?family=" + family + "&_count=20", null, null));
                case "transaction" -> sequential(name, i -> fhir.request("POST", "", transaction(), null));
                case "metadata" -> sequential(name, i -> fhir.request("GET", "metadata", null, null));
                case "concurrent-read" -> concurrentRead();
                default -> throw new IllegalStateException(name);
            });
        }
        for (Custom custom : options.customs) {
            if (options.selected(custom.name)) {
                System.err.println("running " + custom.name + " ...");
                String body = custom.bodyFile == null ? null : Files.readString(custom.bodyFile);
                results.add(sequential(custom.name, i -> fhir.request(custom.method,
                        expand(custom.path, i), body == null ? null : expand(body, i), custom.contentType())));
            }
        }
        Result.printTable(results);
    }

    private boolean needsPatients() {
        return Stream.of("read", "search", "concurrent-read").anyMatch(options::selected)
                || options.customs.stream().anyMatch(c -> options.selected(c.name) && c.mentions("{{patient}}"));
    }

    private void createPatientPool() throws Exception {
        for (int i = 0; i < PATIENT_POOL; i++) {
            Response created = fhir.send(fhir.request("POST", "Patient", patient(family), null));
            if (!created.ok()) {
                throw new IllegalStateException("could not create bench patients: " + created.describe());
            }
            patientIds.add(created.createdId());
        }
    }

    private String pooledPatient(int i) {
        return patientIds.get(Math.floorMod(i, patientIds.size()));
    }

    private String expand(String text, int i) {
        return text.replace("{{uuid}}", UUID.randomUUID().toString())
                .replace("{{i}}", Integer.toString(i))
                .replace("{{family}}", family)
                .replace("{{patient}}", patientIds.isEmpty() ? "" : pooledPatient(i));
    }

    /** Warm up, then time {@code iterations} requests one after another. */
    private Result sequential(String name, IntFunction<HttpRequest> requests) {
        warmUp(name, requests);
        Result result = new Result(name);
        long start = System.nanoTime();
        for (int i = 0; i < options.iterations; i++) {
            result.record(fhir.send(requests.apply(options.warmup + i)));
        }
        result.wallNanos = System.nanoTime() - start;
        return result;
    }

    private void warmUp(String name, IntFunction<HttpRequest> requests) {
        Result warmup = new Result(name + " (warm-up)");
        for (int i = 0; i < options.warmup; i++) {
            warmup.record(fhir.send(requests.apply(i)));
        }
        warmup.printErrors();
    }

    /** Reads on {@code concurrency} connections (one client each) for a fixed duration. */
    private Result concurrentRead() throws InterruptedException {
        warmUp("concurrent-read", i -> fhir.request("GET", "Patient/" + pooledPatient(i), null, null));

        Result result = new Result("concurrent-read x" + options.concurrency);
        long start = System.nanoTime();
        long deadline = start + options.durationSeconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < options.concurrency; t++) {
            int offset = t;
            Fhir connection = fhir.withOwnClient();
            threads.add(new Thread(() -> {
                Result own = new Result(result.name);
                for (int i = offset; System.nanoTime() < deadline; i += options.concurrency) {
                    own.record(connection.send(connection.request("GET", "Patient/" + pooledPatient(i), null, null)));
                }
                synchronized (result) {
                    result.merge(own);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        result.wallNanos = System.nanoTime() - start;
        return result;
    }

    // ---- resources (JSON built as strings) -------------------------------------------------------

    private static String identifier() {
        return "{\"system\":\"https://zorgpad.nl/fhir/NamingSystem/bench\",\"value\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String patient(String familyName) {
        return "{\"resourceType\":\"Patient\",\"identifier\":[" + identifier() + "],"
                + "\"name\":[{\"family\":\"" + familyName + "\",\"given\":[\"Bench\"]}],"
                + "\"gender\":\"female\",\"birthDate\":\"1938-04-12\"}";
    }

    private static final String[][] OBSERVATIONS = { // LOINC code, display, value, UCUM unit
        {"29463-7", "Body weight", "61.5", "kg"}, {"8302-2", "Body height", "164", "cm"},
        {"8867-4", "Heart rate", "72", "/min"}, {"8310-5", "Body temperature", "36.8", "Cel"},
        {"8480-6", "Systolic blood pressure", "142", "mm[Hg]"}, {"8462-4", "Diastolic blood pressure", "84", "mm[Hg]"},
        {"39156-5", "Body mass index", "22.9", "kg/m2"}, {"2708-6", "Oxygen saturation", "96", "%"}};
    private static final String[][] CONDITIONS = { // ICPC code, display
        {"A05", "Algehele achteruitgang"}, {"K86", "Hypertensie zonder orgaanbeschadiging"},
        {"T90", "Diabetes mellitus"}, {"L89", "Artrose heup"}, {"K77", "Decompensatio cordis"},
        {"R95", "COPD"}, {"P70", "Dementie"}};
    private static final int ENCOUNTERS = 4;

    /** 1 Patient + 4 Encounters + 8 Observations + 7 Conditions = 20 entries. */
    private static String transaction() {
        List<String> entries = new ArrayList<>();
        String patient = "urn:uuid:" + UUID.randomUUID();
        String patientResource = patient("BenchTx");
        String patientValue = patientResource.replaceAll(".*\"value\":\"([^\"]+)\".*", "$1");
        // Conditional create, as a GP system pushing an episode would do.
        entries.add(entry(patient, patientResource, "POST", "Patient",
                "identifier=https://zorgpad.nl/fhir/NamingSystem/bench|" + patientValue));
        List<String> encounters = new ArrayList<>();
        for (int e = 0; e < ENCOUNTERS; e++) {
            String encounter = "urn:uuid:" + UUID.randomUUID();
            encounters.add(encounter);
            entries.add(entry(encounter, "{\"resourceType\":\"Encounter\",\"identifier\":[" + identifier() + "],"
                    + "\"status\":\"finished\",\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\","
                    + "\"code\":\"AMB\"},\"subject\":{\"reference\":\"" + patient + "\"},"
                    + "\"period\":{\"start\":\"2025-0" + (e + 1) + "-10T09:00:00+01:00\"}}", "POST", "Encounter", null));
        }
        for (int o = 0; o < OBSERVATIONS.length; o++) {
            String[] obs = OBSERVATIONS[o];
            entries.add(entry("urn:uuid:" + UUID.randomUUID(), "{\"resourceType\":\"Observation\",\"status\":\"final\","
                    + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + obs[0] + "\",\"display\":\""
                    + obs[1] + "\"}]},\"subject\":{\"reference\":\"" + patient + "\"},\"encounter\":{\"reference\":\""
                    + encounters.get(o % ENCOUNTERS) + "\"},\"effectiveDateTime\":\"2025-0" + (o % ENCOUNTERS + 1)
                    + "-10T09:30:00+01:00\",\"valueQuantity\":{\"value\":" + obs[2] + ",\"unit\":\"" + obs[3]
                    + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + obs[3] + "\"}}", "POST", "Observation", null));
        }
        for (int c = 0; c < CONDITIONS.length; c++) {
            entries.add(entry("urn:uuid:" + UUID.randomUUID(), "{\"resourceType\":\"Condition\",\"clinicalStatus\":"
                    + "{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},"
                    + "\"verificationStatus\":{\"coding\":[{\"system\":"
                    + "\"http://terminology.hl7.org/CodeSystem/condition-ver-status\",\"code\":\"confirmed\"}]},"
                    + "\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icpc-1-nl\",\"code\":\"" + CONDITIONS[c][0]
                    + "\",\"display\":\"" + CONDITIONS[c][1] + "\"}]},\"subject\":{\"reference\":\"" + patient + "\"},"
                    + "\"encounter\":{\"reference\":\"" + encounters.get(c % ENCOUNTERS) + "\"}}", "POST", "Condition", null));
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    private static String entry(String fullUrl, String resource, String method, String url, String ifNoneExist) {
        return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + resource + ",\"request\":{\"method\":\"" + method
                + "\",\"url\":\"" + url + "\"" + (ifNoneExist == null ? "" : ",\"ifNoneExist\":\"" + ifNoneExist + "\"") + "}}";
    }

    private static String randomLetters(int length) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }

    // ---- HTTP ------------------------------------------------------------------------------------

    record Response(int status, String body, String location, long nanos, String failure) {
        boolean ok() {
            return failure == null && status >= 200 && status < 300;
        }

        String createdId() {
            Matcher matcher = Pattern.compile("Patient/([^/]+)").matcher(location == null ? "" : location);
            if (matcher.find()) {
                return matcher.group(1);
            }
            matcher = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            if (matcher.find()) {
                return matcher.group(1);
            }
            throw new IllegalStateException("no id in create response: " + describe());
        }

        String errorKey() {
            return failure != null ? failure : "HTTP " + status;
        }

        String describe() {
            String excerpt = body == null ? "" : body.replaceAll("\\s+", " ");
            return errorKey() + (excerpt.isEmpty() ? "" : ": " + excerpt.substring(0, Math.min(300, excerpt.length())));
        }
    }

    static final class Fhir {
        final String base;
        final List<String[]> headers;
        final HttpClient client;

        Fhir(String base, List<String[]> headers) {
            this.base = base.replaceAll("/+$", "");
            this.headers = headers;
            this.client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }

        Fhir withOwnClient() {
            return new Fhir(base, headers);
        }

        HttpRequest request(String method, String path, String body, String contentType) {
            String url = path.startsWith("http://") || path.startsWith("https://") ? path
                    : path.isEmpty() ? base : base + "/" + path.replaceFirst("^/", "");
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(120))
                    .header("Accept", "application/fhir+json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                builder.header("Content-Type", contentType != null ? contentType : "application/fhir+json");
            }
            headers.forEach(header -> builder.header(header[0], header[1]));
            return builder.build();
        }

        Response send(HttpRequest request) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.body(),
                        response.headers().firstValue("Location").orElse(null), System.nanoTime() - start, null);
            } catch (IOException e) {
                String failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
                return new Response(0, "", null, System.nanoTime() - start, failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- results ---------------------------------------------------------------------------------

    static final class Result {
        final String name;
        final List<Long> nanos = new ArrayList<>();
        final Map<String, Integer> errors = new LinkedHashMap<>();
        final Map<String, String> errorExamples = new LinkedHashMap<>();
        long wallNanos;

        Result(String name) {
            this.name = name;
        }

        void record(Response response) {
            if (response.ok()) {
                nanos.add(response.nanos());
            } else {
                errors.merge(response.errorKey(), 1, Integer::sum);
                if (errorExamples.size() < MAX_ERROR_EXAMPLES) {
                    errorExamples.putIfAbsent(response.errorKey(), response.describe());
                }
            }
        }

        void merge(Result other) {
            nanos.addAll(other.nanos);
            other.errors.forEach((key, count) -> errors.merge(key, count, Integer::sum));
            other.errorExamples.forEach((key, example) -> {
                if (errorExamples.size() < MAX_ERROR_EXAMPLES) {
                    errorExamples.putIfAbsent(key, example);
                }
            });
        }

        int errorCount() {
            return errors.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Nearest-rank percentile of the successful requests, in ms. */
        static double percentile(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(rank, 1) - 1] / 1e6;
        }

        void printErrors() {
            if (!errors.isEmpty()) {
                System.out.printf("%s: %d errors %s%n", name, errorCount(), errors);
                errorExamples.values().forEach(example -> System.out.println("  " + example));
            }
        }

        static void printTable(List<Result> results) {
            System.out.printf("%n%-22s %7s %7s %9s %9s %9s %9s%n", "benchmark", "ok", "errors", "median", "p95", "mean", "req/s");
            for (Result r : results) {
                long[] sorted = r.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
                if (sorted.length == 0) {
                    System.out.printf("%-22s %7d %7d %9s %9s %9s %9s%n", r.name, 0, r.errorCount(), "-", "-", "-", "-");
                    continue;
                }
                double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
                double perSecond = sorted.length / (r.wallNanos / 1e9);
                System.out.printf(Locale.ROOT, "%-22s %7d %7d %9.2f %9.2f %9.2f %9.1f%n", r.name, sorted.length,
                        r.errorCount(), percentile(sorted, 50), percentile(sorted, 95), mean, perSecond);
            }
            System.out.println("(times in ms over successful requests; req/s = successful requests / wall time)");
            results.forEach(Result::printErrors);
        }
    }

    // ---- options ---------------------------------------------------------------------------------

    record Custom(String name, String method, String path, Path bodyFile) {
        static Custom parse(String spec) {
            Matcher m = Pattern.compile("([\\w.-]+)=([A-Za-z]+):(.+)").matcher(spec);
            if (!m.matches()) {
                throw new IllegalArgumentException("--custom wants NAME=METHOD:PATH[:BODYFILE], got " + spec);
            }
            String path = m.group(3);
            Path bodyFile = null;
            int colon = path.lastIndexOf(':');
            // The last ":part" is a body file if it exists (paths may contain ':' too, e.g. name:exact).
            if (colon > 0 && !path.matches("https?:[^:]*")) {
                Path candidate = Path.of(path.substring(colon + 1));
                if (Files.isRegularFile(candidate)) {
                    bodyFile = candidate;
                    path = path.substring(0, colon);
                } else if (candidate.toString().matches(".*\\.(json|xml)")) {
                    throw new IllegalArgumentException("body file not found: " + candidate);
                }
            }
            return new Custom(m.group(1), m.group(2).toUpperCase(Locale.ROOT), path, bodyFile);
        }

        String contentType() {
            return bodyFile != null && bodyFile.toString().endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
        }

        boolean mentions(String placeholder) {
            try {
                return path.contains(placeholder) || (bodyFile != null && Files.readString(bodyFile).contains(placeholder));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + bodyFile, e);
            }
        }
    }

    static final class Options {
        String base;
        Path startJar;
        String jvmArgs = "";
        String appArgs = "";
        int startTimeoutSeconds = 300;
        int iterations = 200;
        int warmup = 50;
        int concurrency = 4;
        int durationSeconds = 10;
        String token;
        final List<String[]> extraHeaders = new ArrayList<>();
        Set<String> only;
        final List<Custom> customs = new ArrayList<>();
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    o.help = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--base" -> o.base = value;
                    case "--start-jar" -> o.startJar = Path.of(value);
                    case "--jvm-args" -> o.jvmArgs = value;
                    case "--app-args" -> o.appArgs = value;
                    case "--start-timeout-seconds" -> o.startTimeoutSeconds = positive(arg, value);
                    case "--iterations" -> o.iterations = positive(arg, value);
                    case "--warmup" -> o.warmup = Integer.parseInt(value);
                    case "--concurrency" -> o.concurrency = positive(arg, value);
                    case "--duration-seconds" -> o.durationSeconds = positive(arg, value);
                    case "--token" -> o.token = value;
                    case "--header" -> {
                        String[] header = value.split(":", 2);
                        if (header.length != 2) {
                            throw new IllegalArgumentException("--header wants \"Name: value\", got " + value);
                        }
                        o.extraHeaders.add(new String[] {header[0].trim(), header[1].trim()});
                    }
                    case "--only" -> o.only = new LinkedHashSet<>(Arrays.asList(value.split("\\s*,\\s*")));
                    case "--custom" -> o.customs.add(Custom.parse(value));
                    default -> throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            if (o.help) {
                return o;
            }
            if ((o.base == null) == (o.startJar == null)) {
                throw new IllegalArgumentException("give exactly one of --base and --start-jar");
            }
            if (o.startJar != null && !Files.isRegularFile(o.startJar)) {
                throw new IllegalArgumentException("jar not found: " + o.startJar);
            }
            if (o.only != null) {
                Set<String> known = new LinkedHashSet<>(BENCHMARKS);
                o.customs.forEach(c -> known.add(c.name));
                Set<String> unknown = new LinkedHashSet<>(o.only);
                unknown.removeAll(known);
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("unknown benchmark(s) in --only: " + unknown + "; known: " + known);
                }
            }
            return o;
        }

        private static int positive(String option, String value) {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1");
            }
            return n;
        }

        boolean selected(String name) {
            return only == null || only.contains(name);
        }

        List<String[]> headers() {
            List<String[]> all = new ArrayList<>(extraHeaders);
            if (token != null) {
                all.add(new String[] {"Authorization", "Bearer " + token});
            }
            return all;
        }
    }

    // ---- --start-jar -----------------------------------------------------------------------------

    static final class Server implements AutoCloseable {
        final Process process;
        final Path dir;
        final int port;
        double readySeconds;
        String rssAfterStart;
        volatile boolean keepDir; // keep the log when the server failed to start

        private Server(Process process, Path dir, int port) {
            this.process = process;
            this.dir = dir;
            this.port = port;
        }

        static Server start(Options options) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path dir = Files.createTempDirectory("zorgpad-bench");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(words(options.jvmArgs));
            command.addAll(List.of("-jar", options.startJar.toString(),
                    "--server.port=" + port, "--server.address=127.0.0.1", "--management.server.port=0"));
            if (!options.appArgs.contains("spring.datasource.url") && !options.appArgs.contains("spring.profiles.active")) {
                command.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("bench")
                        + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE");
            }
            command.addAll(words(options.appArgs));
            Path log = dir.resolve("server.log");
            System.out.println("starting " + String.join(" ", command));
            System.out.println("server log: " + log);

            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Server server = new Server(process, dir, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close)); // also on Ctrl-C
            try {
                server.awaitReady(start, options.startTimeoutSeconds);
            } catch (Exception e) {
                server.keepDir = true;
                server.stopProcess();
                List<String> lines = Files.readAllLines(log);
                System.err.println(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
                throw e;
            }
            server.readySeconds = (System.nanoTime() - start) / 1e9;
            server.rssAfterStart = server.memory();
            return server;
        }

        String base() {
            return "http://127.0.0.1:" + port + "/fhir";
        }

        private void awaitReady(long start, int timeoutSeconds) throws InterruptedException {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest readiness = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/readyz")).timeout(Duration.ofSeconds(5)).build();
            while (System.nanoTime() - start < timeoutSeconds * 1_000_000_000L) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("server exited with code " + process.exitValue() + " before it was ready");
                }
                try {
                    if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("server not ready after " + timeoutSeconds + " s");
        }

        /** Resident and peak memory of the server process, from /proc (Linux). */
        String memory() {
            try {
                Map<String, String> status = new LinkedHashMap<>();
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    String[] parts = line.split(":\\s*", 2);
                    if (parts.length == 2) {
                        status.put(parts[0], parts[1]);
                    }
                }
                return megabytes(status.get("VmRSS")) + " (peak " + megabytes(status.get("VmHWM")) + ")";
            } catch (IOException e) {
                return "unknown (" + e.getMessage() + ")";
            }
        }

        private static String megabytes(String kiloBytes) {
            return kiloBytes == null ? "?" : Long.parseLong(kiloBytes.replace("kB", "").trim()) / 1024 + " MB";
        }

        private void stopProcess() {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM: Spring Boot shuts down gracefully
                try {
                    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public synchronized void close() {
            stopProcess();
            if (keepDir || !Files.exists(dir)) {
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e.getMessage());
            }
        }

        private static List<String> words(String text) {
            return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
        }
    }
}
