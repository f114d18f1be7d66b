package io.perfplane.launcher.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.perfplane.launcher.ControlClient;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.LocalCredentials;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.ServiceFleet;
import io.perfplane.launcher.Summary;
import io.perfplane.launcher.pipeline.Outcome;
import io.perfplane.launcher.pipeline.ReportCost;
import io.perfplane.launcher.pipeline.SummaryJson;
import io.perfplane.runtime.DatabaseConnection;
import io.perfplane.runtime.LocalRuntime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton end to end: broker and PostgreSQL, the five services, one staged load against api-service,
 * then the analyzer's view, its breaches and capacity, and cost-service's estimates.
 */
public final class Demo implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Demo.class);
  private static final Duration READINESS = Duration.ofSeconds(240);
  private static final Duration SETTLE = Duration.ofSeconds(60);

  private final DemoOptions options;
  private final PrintStream out;
  private final boolean interactive;
  // One secret with every scope for every service (docs/security.md).
  private final String controlToken = ServiceFleet.newSecret();
  private final ControlClient client = new ControlClient(controlToken);
  private volatile @Nullable LocalRuntime runtime;
  private volatile @Nullable ServiceFleet fleet;
  private final Path analyzerState;
  private boolean closed;

  public Demo(DemoOptions options, PrintStream out, boolean interactive) {
    this.options = options;
    this.out = out;
    this.interactive = interactive;
    try {
      this.analyzerState = Files.createTempDirectory("perfplane-analyzer");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a finished demo saw.
   *
   * @param report the saved HTML run report, null when the analyzer did not serve it
   */
  public record Result(int exitCode, String runId, JsonNode load, JsonNode analysis, JsonNode estimates,
      String kafkaBootstrap, @Nullable Path report) {
  }

  /** Runs the demo; infrastructure stays up until {@link #close()} so callers can inspect it. */
  public Result run() {
    out.println("perfplane demo: starting Kafka (KRaft, in-process) and PostgreSQL ...");
    runtime = LocalRuntime.start(null, options.kafkaPort(), System.getenv(), options.databaseName());
    DatabaseConnection db = runtime.database();
    out.println("  kafka " + runtime.kafka().bootstrapServers() + ", postgres " + db.jdbcUrl() + " (" + db.origin()
        + ")");
    out.println("perfplane demo: starting api, ingest, loadgen, analyzer and cost services (logs in "
        + options.logDir() + ") ...");
    long started = System.nanoTime();
    fleet = ServiceFleet.start(options.home(), EnumSet.allOf(Service.class), options.ports(), environment(db),
        options.logDir(), READINESS);
    out.printf("  all five services ready in %d s:", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    for (Service service : Service.values()) {
      out.print(" " + service.module() + " " + fleet.baseUri(service));
    }
    out.println();

    String runId = "demo-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> plan = Plans.demo(runId, fleet.baseUri(Service.API).toString(), options.peakVus(),
        options.duration(), options.includeMissingEndpoint());
    client.post(fleet.baseUri(Service.LOADGEN).resolve("/runs"), controlToken, plan);
    out.printf("perfplane demo: load running — run %s, peak %d VUs, %d s%n", runId, options.peakVus(),
        options.duration().toSeconds());

    JsonNode load = followLoad(runId);
    JsonNode analysis = awaitAnalysis(runId, load);
    JsonNode estimates = awaitEstimates(runId);
    int exitCode = exitCode(load, analysis);
    Path report = saveReport(runId, estimates);
    out.print(DemoSummary.render(runId, load, analysis, estimates, options.slos(), exitCode));
    if (report != null) {
      out.println("  report     " + report + " (self-contained HTML: charts, SLOs, breaches, capacity, cost; opens "
          + "offline)");
    }
    if (options.summaryJson() != null) {
      SummaryJson.write(options.summaryJson(),
          SummaryJson.of("demo", runId, new Outcome(analysis, estimates, report, null, histograms(runId)), load,
              exitCode));
      out.println("  summary    " + options.summaryJson().toAbsolutePath());
    }
    return new Result(exitCode, runId, load, analysis, estimates, runtime.kafka().bootstrapServers(), report);
  }

  /**
   * Keeps the analyzer's HTML run report beside the logs, as the services (and their REST views) stop with the demo;
   * null when it could not be fetched, which costs the user the report but not the run's verdict.
   */
  private @Nullable Path saveReport(String runId, JsonNode estimates) {
    URI uri = fleet.baseUri(Service.ANALYZER).resolve("/runs/" + runId + "/report.html");
    try {
      Path file = options.workDir().resolve("reports").resolve(runId + ".html");
      Files.createDirectories(file.getParent());
      Files.writeString(file, ReportCost.insert(client.text(uri), estimates));
      return file;
    } catch (IOException | IllegalStateException e) {
      log.warn("run report not saved from {}: {}", uri, e.getMessage());
      return null;
    }
  }

  /** The run's whole-run histograms for the summary JSON; null when the analyzer did not serve them. */
  private @Nullable JsonNode histograms(String runId) {
    URI uri = fleet.baseUri(Service.ANALYZER).resolve("/runs/" + runId + "/histograms");
    Optional<JsonNode> histograms = client.poll(uri);
    if (histograms.isEmpty()) {
      log.warn("run histograms not fetched from {}: the summary JSON will have none", uri);
    }
    return histograms.orElse(null);
  }

  private Map<Service, Map<String, String>> environment(DatabaseConnection db) {
    String kafka = runtime.kafka().bootstrapServers();
    Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      Map<String, String> vars = new HashMap<>();
      vars.put("PERFPLANE_KAFKA_BOOTSTRAP", kafka);
      env.put(service, vars);
    }
    Map<String, String> database = Map.of("PERFPLANE_DB_URL", db.jdbcUrl(), "PERFPLANE_DB_USER", db.user(),
        "PERFPLANE_DB_PASSWORD", db.password());
    env.get(Service.API).putAll(database);
    env.get(Service.API).put("PERFPLANE_API_DEMO_DATA", "true");
    env.get(Service.COST).putAll(database);
    env.get(Service.ANALYZER).putAll(database); // baselines, in its own schema
    // Not to api-service: the system under test has API keys of its own and no business with perfplane's secret.
    env.forEach((service, vars) -> {
      if (service != Service.API) {
        vars.putAll(LocalCredentials.environment(controlToken));
      }
    });
    env.get(Service.ANALYZER).putAll(SloSpec.toEnvironment(options.slos()));
    env.get(Service.ANALYZER).put("PERFPLANE_STATE_DIR", analyzerState.toString());
    return env;
  }

  private JsonNode followLoad(String runId) {
    URI status = fleet.baseUri(Service.LOADGEN).resolve("/runs/" + runId);
    URI analyzer = fleet.baseUri(Service.ANALYZER).resolve("/runs/" + runId);
    long lastPrinted = 0;
    while (true) {
      JsonNode load = client.get(status, controlToken)
          .orElseThrow(() -> new IllegalStateException("loadgen lost run " + runId));
      JsonNode analysis = client.poll(analyzer).orElse(null);
      String line = Summary.progress(load, analysis);
      long now = System.nanoTime();
      if (interactive) {
        out.print("\r\033[2K" + line);
      } else if (now - lastPrinted >= Duration.ofSeconds(5).toNanos()) {
        out.println(line);
        lastPrinted = now;
      }
      if (!"RUNNING".equals(load.path("state").asString(""))) {
        if (interactive) {
          out.println();
        }
        return load;
      }
      pause(Duration.ofSeconds(1));
    }
  }

  /** Waits until the analyzer has counted every published sample and finalized the run. */
  private JsonNode awaitAnalysis(String runId, JsonNode load) {
    URI uri = fleet.baseUri(Service.ANALYZER).resolve("/runs/" + runId);
    long published = load.path("samplesPublished").asLong(0);
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      Optional<JsonNode> analysis = client.poll(uri);
      if (analysis.isPresent() && analysis.get().path("finished").asBoolean(false)
          && analysis.get().path("capacity").isObject()) {
        long counted = analysis.get().path("requests").asLong(0);
        if (counted != published) {
          log.warn("analyzer counted {} samples, loadgen published {}", counted, published);
        }
        return analysis.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("analyzer did not finalize run " + runId + " within " + SETTLE.toSeconds()
            + " s (counted " + analysis.map(a -> a.path("requests").asLong(0)).orElse(0L) + " of " + published
            + " samples)");
      }
      pause(Duration.ofMillis(500));
    }
  }

  private JsonNode awaitEstimates(String runId) {
    URI uri = fleet.baseUri(Service.COST).resolve("/estimates?runId=" + runId);
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      Optional<JsonNode> estimates = client.poll(uri);
      if (estimates.isPresent() && estimates.get().size() >= 2) {
        return estimates.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no cost estimates for run " + runId + " within " + SETTLE.toSeconds() + " s");
      }
      pause(Duration.ofMillis(500));
    }
  }

  static int exitCode(JsonNode load, JsonNode analysis) {
    if (!"FINISHED".equals(load.path("state").asString(""))) {
      return ExitCodes.ABORTED;
    }
    for (JsonNode breach : analysis.path("breaches")) {
      if ("OPENED".equals(breach.path("state").asString("")) || "RESOLVED".equals(breach.path("state").asString(""))) {
        return ExitCodes.THRESHOLDS_FAILED;
      }
    }
    return ExitCodes.OK;
  }

  ServiceFleet fleet() {
    return fleet;
  }

  /**
   * Stops everything, once: Ctrl-C runs this from the shutdown hook while the main thread, its run failing under it,
   * calls it too. Two concurrent closes raced on the fleet's process map and the broker's shutdown and could hang
   * the exit; the second caller now waits for the first and finds nothing left to do.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ServiceFleet services = fleet;
    if (services != null) {
      services.close();
    }
    LocalRuntime infrastructure = runtime;
    if (infrastructure != null) {
      infrastructure.close();
    }
    try (Stream<Path> paths = Files.walk(analyzerState)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.debug("analyzer state not removed: {}", e.getMessage());
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
