package io.perfplane.launcher.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.perfplane.launcher.ControlClient;
import io.perfplane.launcher.LocalCredentials;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.ServiceFleet;
import io.perfplane.runtime.DatabaseConnection;
import io.perfplane.runtime.FreePorts;
import io.perfplane.runtime.LocalDatabase;
import io.perfplane.runtime.LocalRuntime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The embedded pipeline for one command: an in-process KRaft broker (or the user's {@code --kafka}), PostgreSQL
 * resolved as the demo resolves it, a front service (loadgen-service for {@code run}, ingest-service for
 * {@code analyze}), analyzer-service and cost-service, each a child JVM on a free port; or, for {@code perfplane up},
 * all five services ({@link Spec#stack}); or a stack that {@code up} started, attached to ({@link #attach}). The
 * credential is one fresh secret with every scope, handed to the children in their environment (the indexed
 * {@code PERFPLANE_SECURITY_TOKENS_0_*} variables and the legacy loadgen and ingest ones) and never printed. Closing
 * stops everything it started, and nothing of an attached stack.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration READINESS = Duration.ofSeconds(240);
  private static final int KAFKA_PORT = 9092;

  private final @Nullable LocalRuntime runtime;
  private final @Nullable LocalDatabase database;
  private final @Nullable ServiceFleet fleet;
  private final Map<Service, URI> uris;
  private final String bootstrap;
  private final String secret;
  private final @Nullable Path analyzerState;
  private final ControlClient client;
  private final Instant commandStarted;
  private final Instant ready;
  private volatile @Nullable Instant firstSampleAnalyzed;
  private volatile boolean closed;

  private Pipeline(@Nullable LocalRuntime runtime, @Nullable LocalDatabase database, @Nullable ServiceFleet fleet,
      Map<Service, URI> uris, String bootstrap, String secret, @Nullable Path analyzerState) {
    this.runtime = runtime;
    this.database = database;
    this.fleet = fleet;
    this.uris = Map.copyOf(uris);
    this.bootstrap = bootstrap;
    this.secret = secret;
    this.client = new ControlClient(secret);
    this.analyzerState = analyzerState;
    this.commandStarted = commandStarted();
    this.ready = Instant.now();
  }

  /**
   * What to start.
   *
   * @param home repository root holding the service jars
   * @param front loadgen-service or ingest-service
   * @param kafka bootstrap servers of the user's broker, or null for an in-process one
   * @param sloFile SLO file the analyzer holds runs to (see {@code sloFileWins}); null: a run's own SLOs, else the
   *     analyzer's defaults
   * @param logDir where each service's console output goes
   * @param services the services to start: the front, analyzer and cost at least
   * @param fixedPorts the default ports (broker 9092, services 8081-8085) instead of free ones
   * @param sloFileWins whether {@code sloFile} replaces a run's own {@code slos:} (a command's {@code --slo}) or
   *     only the analyzer's defaults (the stack's {@code up --slo}: a definition run on it keeps its own)
   */
  public record Spec(Path home, Service front, @Nullable String kafka, @Nullable Path sloFile, Path logDir,
      Set<Service> services, boolean fixedPorts, boolean sloFileWins) {

    public Spec {
      services = Set.copyOf(services);
      if (!services.containsAll(EnumSet.of(front, Service.ANALYZER, Service.COST))) {
        throw new IllegalArgumentException("a pipeline needs " + front.module() + ", analyzer and cost: " + services);
      }
    }

    /** One command's pipeline: its front service, analyzer and cost, on free ports. */
    public Spec(Path home, Service front, @Nullable String kafka, @Nullable Path sloFile, Path logDir) {
      this(home, front, kafka, sloFile, logDir, EnumSet.of(front, Service.ANALYZER, Service.COST), false, true);
    }

    /** The persistent local stack of {@code perfplane up}: an in-process broker and all five services. */
    public static Spec stack(Path home, @Nullable Path sloFile, Path logDir, boolean randomPorts) {
      return new Spec(home, Service.INGEST, null, sloFile, logDir, EnumSet.allOf(Service.class), !randomPorts,
          false);
    }
  }

  /**
   * A stack another process started ({@code perfplane up}): the same reads and uploads, nothing to start or stop.
   *
   * @param uris base URI per service
   * @param secret the stack's bearer token
   */
  public static Pipeline attach(Map<Service, URI> uris, String bootstrap, String secret) {
    return new Pipeline(null, null, null, uris, bootstrap, secret, null);
  }

  /** Starts everything and returns once every service is ready; prints one line per step to {@code out}. */
  public static Pipeline start(Spec spec, PrintStream out) {
    long started = System.nanoTime();
    out.println("perfplane: starting " + (spec.kafka() == null ? "Kafka (KRaft, in-process), " : "")
        + "PostgreSQL, " + modules(spec.services()) + " (logs in " + spec.logDir() + ") ...");
    if (spec.sloFile() != null) {
      out.print(SloFiles.describe(spec.sloFile(), SloFiles.check(spec.sloFile())));
    }
    LocalRuntime runtime = null;
    LocalDatabase database = null;
    Path state = null;
    try {
      DatabaseConnection db;
      String bootstrap;
      if (spec.kafka() == null) {
        runtime = LocalRuntime.start(null, spec.fixedPorts() ? KAFKA_PORT : 0, System.getenv(), "perfplane");
        db = runtime.database();
        bootstrap = runtime.kafka().bootstrapServers();
      } else {
        database = LocalDatabase.resolve(System.getenv(), "perfplane");
        db = database.connection();
        bootstrap = spec.kafka();
      }
      state = Files.createTempDirectory("perfplane-analyzer");
      // One secret with every scope for every service (docs/security.md).
      String secret = ServiceFleet.newSecret();
      Map<Service, Integer> ports = new EnumMap<>(Service.class);
      spec.services().forEach(service -> ports.put(service, spec.fixedPorts() ? service.defaultPort()
          : FreePorts.find()));
      ServiceFleet fleet = ServiceFleet.start(spec.home(), spec.services(), ports,
          environment(spec, bootstrap, db, secret, state), spec.logDir(), READINESS);
      Map<Service, URI> uris = new EnumMap<>(Service.class);
      spec.services().forEach(service -> uris.put(service, fleet.baseUri(service)));
      Pipeline pipeline = new Pipeline(runtime, database, fleet, uris, bootstrap, secret, state);
      out.printf("  kafka %s%s, postgres %s (%s); ready in %d s%n", bootstrap,
          spec.kafka() == null ? " (in-process)" : "", db.jdbcUrl(), db.origin(),
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
      return pipeline;
    } catch (IOException e) {
      closeQuietly(runtime, database, state);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeQuietly(runtime, database, state);
      throw e;
    }
  }

  private static String modules(Set<Service> services) {
    List<String> names = EnumSet.copyOf(services).stream().map(Service::module).toList();
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
  }

  /** Each service's environment: one secret with every scope, through the indexed and the legacy variables. */
  static Map<Service, Map<String, String>> environment(Spec spec, String bootstrap, DatabaseConnection db,
      String secret, Path analyzerState) {
    Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
    for (Service service : spec.services()) {
      Map<String, String> vars = new HashMap<>();
      vars.put("PERFPLANE_KAFKA_BOOTSTRAP", bootstrap);
      env.put(service, vars);
    }
    env.forEach((service, vars) -> vars.putAll(LocalCredentials.environment(secret)));
    Map<String, String> database = Map.of("PERFPLANE_DB_URL", db.jdbcUrl(), "PERFPLANE_DB_USER", db.user(),
        "PERFPLANE_DB_PASSWORD", db.password());
    if (spec.services().contains(Service.API)) {
      env.get(Service.API).putAll(database);
      // A stack is something to work against: api-service, the reference target, with its demo tenants.
      env.get(Service.API).put("PERFPLANE_API_DEMO_DATA", "true");
    }
    env.get(Service.COST).putAll(database);
    env.get(Service.ANALYZER).putAll(database); // baselines, in its own schema
    env.get(Service.ANALYZER).put("PERFPLANE_STATE_DIR", analyzerState.toString());
    if (spec.sloFile() != null) {
      env.get(Service.ANALYZER).put("PERFPLANE_SLO_FILE", spec.sloFile().toAbsolutePath().toString());
      env.get(Service.ANALYZER).put("PERFPLANE_SLO_FILE_OVERRIDES_RUNS", Boolean.toString(spec.sloFileWins()));
    }
    return env;
  }

  public URI baseUri(Service service) {
    URI uri = uris.get(service);
    if (uri == null) {
      throw new IllegalArgumentException(service.module() + " is not part of this pipeline");
    }
    return uri;
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  /** The bearer token every service of this pipeline accepts, with every scope; never print it. */
  public String secret(Service service) {
    baseUri(service);
    return secret;
  }

  /** Whether this pipeline is a stack another process owns ({@link #attach}): closing it stops nothing. */
  public boolean attached() {
    return fleet == null;
  }

  /** The analyzer's current view of the run; empty before its first sample or while it is not ready. */
  public Optional<JsonNode> analysis(String runId) {
    return client.poll(baseUri(Service.ANALYZER).resolve("/runs/" + enc(runId)), secret);
  }

  /**
   * Notes, in the background, when the analyzer first counts a sample of {@code runId} (every 100 ms, for up to 10
   * minutes): the time-to-ready figure of {@link #timing()}.
   */
  public void watchFirstSample(String runId) {
    Thread.ofPlatform().daemon().name("first-sample-" + runId).start(() -> {
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (!closed && firstSampleAnalyzed == null && System.nanoTime() < deadline) {
        if (analysis(runId).filter(a -> a.path("requests").asLong(0) > 0).isPresent()) {
          firstSampleAnalyzed = Instant.now();
          return;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  /**
   * The {@code ./perfplane} script's start (system property {@code perfplane.command.started}, epoch ms), else this
   * process's start as the OS reports it (to about a second).
   */
  private static Instant commandStarted() {
    Long scriptStarted = Long.getLong("perfplane.command.started");
    return scriptStarted != null ? Instant.ofEpochMilli(scriptStarted)
        : ProcessHandle.current().info().startInstant().orElse(Instant.now());
  }

  /** When the command started, the pipeline became ready and the first sample was analyzed. */
  public Timing timing() {
    return new Timing(commandStarted, ready, firstSampleAnalyzed);
  }

  /**
   * Waits until the analyzer has finalized the run (capacity published) and cost-service priced it, then saves the
   * HTML report.
   *
   * @param expectedSamples samples the run published (to warn when the analyzer counted fewer), or -1 if unknown
   * @param settle how long to wait for the analyzer and then for cost-service
   * @param reportDir where {@code <runId>.html} is saved
   */
  public Outcome awaitOutcome(String runId, long expectedSamples, Duration settle, Path reportDir) {
    JsonNode analysis = await("the analyzer did not finalize run " + runId, settle, () -> analysis(runId)
        .filter(a -> a.path("finished").asBoolean(false) && a.path("capacity").isObject()));
    long counted = analysis.path("requests").asLong(0);
    if (expectedSamples >= 0 && counted != expectedSamples) {
      log.warn("analyzer counted {} samples of run {}, {} were published", counted, runId, expectedSamples);
    }
    URI estimates = baseUri(Service.COST).resolve("/estimates?runId=" + enc(runId));
    // Priced by this command: a run id analyzed before has older estimates, which cost-service replaces.
    JsonNode cost = await("no cost estimates for run " + runId, settle,
        () -> client.poll(estimates, secret)
            .filter(e -> e.isArray() && e.size() >= 2 && pricedSince(e, commandStarted)));
    return new Outcome(analysis, cost, saveReport(runId, reportDir, cost), timing(), histograms(runId));
  }

  /**
   * The analyzer's whole-run histograms of the run ({@code GET /runs/{id}/histograms}), for the summary JSON; null
   * (with a warning) when it does not serve them, which costs the summary its comparability but not the run's verdict.
   */
  public @Nullable JsonNode histograms(String runId) {
    URI uri = baseUri(Service.ANALYZER).resolve("/runs/" + enc(runId) + "/histograms");
    Optional<JsonNode> histograms = client.poll(uri, secret);
    if (histograms.isEmpty()) {
      log.warn("run histograms not fetched from {}: the summary JSON will have none", uri);
    }
    return histograms.orElse(null);
  }

  /** Whether every estimate was priced at or after {@code since} (cost-service's {@code pricedAt}, ISO-8601). */
  static boolean pricedSince(JsonNode estimates, Instant since) {
    for (JsonNode estimate : estimates) {
      JsonNode pricedAt = estimate.path("pricedAt");
      Instant at;
      try {
        // ISO-8601 as cost-service writes it; epoch seconds as a Jackson configured for timestamps would.
        at = pricedAt.isNumber() ? Instant.ofEpochMilli(Math.round(pricedAt.asDouble() * 1000))
            : Instant.parse(pricedAt.asString(""));
      } catch (java.time.format.DateTimeParseException e) {
        return false;
      }
      if (at.isBefore(since)) {
        return false;
      }
    }
    return true;
  }

  private @Nullable Path saveReport(String runId, Path reportDir, JsonNode cost) {
    URI uri = baseUri(Service.ANALYZER).resolve("/runs/" + enc(runId) + "/report.html");
    try {
      Path file = reportDir.resolve(runId.replaceAll("[^A-Za-z0-9._:-]", "_") + ".html");
      Files.createDirectories(reportDir);
      Files.writeString(file, ReportCost.insert(client.text(uri, secret), cost));
      return file.toAbsolutePath();
    } catch (IOException | IllegalStateException e) {
      log.warn("run report not saved from {}: {}", uri, e.getMessage());
      return null;
    }
  }

  private static JsonNode await(String failure, Duration settle, java.util.function.Supplier<Optional<JsonNode>> poll) {
    long deadline = System.nanoTime() + settle.toNanos();
    while (true) {
      Optional<JsonNode> value = poll.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(failure + " within " + settle.toSeconds() + " s");
      }
      try {
        Thread.sleep(Duration.ofMillis(300));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static String enc(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Stops the services (front first, so its last records reach the broker), then the broker and database. */
  @Override
  public synchronized void close() {
    if (closed) {
      return; // the shutdown hook and the command's own cleanup may both get here; the second waits, then returns
    }
    closed = true;
    try {
      if (fleet != null) {
        fleet.close();
      }
    } finally {
      closeQuietly(runtime, database, analyzerState);
    }
  }

  private static void closeQuietly(@Nullable LocalRuntime runtime, @Nullable LocalDatabase database,
      @Nullable Path state) {
    try {
      if (runtime != null) {
        runtime.close();
      }
      if (database != null) {
        database.close();
      }
    } finally {
      if (state != null) {
        try (Stream<Path> paths = Files.walk(state)) {
          paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
          log.debug("analyzer state not removed: {}", e.getMessage());
        }
      }
    }
  }
}
