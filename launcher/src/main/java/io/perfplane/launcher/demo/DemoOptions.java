package io.perfplane.launcher.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.perfplane.launcher.Service;
import io.perfplane.runtime.FreePorts;
import org.jspecify.annotations.Nullable;

/**
 * Settings of one demo run.
 *
 * @param home repository root (service jars under {@code <module>/target/})
 * @param workDir where logs and broker data go
 * @param peakVus peak virtual users
 * @param duration planned load duration
 * @param kafkaPort broker port (0: a free one)
 * @param randomPorts give every service a free port instead of 8081-8085
 * @param databaseName database to use on a local or embedded server
 * @param slos SLOs the analyzer evaluates
 * @param includeMissingEndpoint also load a non-existent dashboard (404s: induces an error-rate violation)
 * @param summaryJson where to write the end-of-run summary JSON (docs/summary-json.md), or null
 * @param hold how long the services stay up after the summary (zero: stop at once), so a Prometheus scraping them
 *     sees the run's final capacity and cost gauges
 */
public record DemoOptions(Path home, Path workDir, int peakVus, Duration duration, int kafkaPort, boolean randomPorts,
    String databaseName, List<SloSpec> slos, boolean includeMissingEndpoint, @Nullable Path summaryJson,
    Duration hold) {

  /** Options that stop the services as soon as the summary is printed. */
  public DemoOptions(Path home, Path workDir, int peakVus, Duration duration, int kafkaPort, boolean randomPorts,
      String databaseName, List<SloSpec> slos, boolean includeMissingEndpoint, @Nullable Path summaryJson) {
    this(home, workDir, peakVus, duration, kafkaPort, randomPorts, databaseName, slos, includeMissingEndpoint,
        summaryJson, Duration.ZERO);
  }

  /** The demo as {@code ./perfplane demo} runs it without options. */
  public static DemoOptions defaults(Path home) {
    return new DemoOptions(home, home.resolve(".perfplane"), 20, Duration.ofSeconds(30), 9092, false, "perfplane",
        SloSpec.demoDefaults(), false, null);
  }

  /** These options with the command line's choices ({@code --vus}, {@code --duration}, ...). */
  public DemoOptions withCommandLine(int peakVus, Duration duration, int kafkaPort, boolean randomPorts,
      @Nullable Path summaryJson) {
    return new DemoOptions(home, workDir, peakVus, duration, kafkaPort, randomPorts, databaseName, slos,
        includeMissingEndpoint, summaryJson, hold);
  }

  /** These options with the services kept up for {@code hold} after the summary ({@code --hold}). */
  public DemoOptions withHold(Duration hold) {
    return new DemoOptions(home, workDir, peakVus, duration, kafkaPort, randomPorts, databaseName, slos,
        includeMissingEndpoint, summaryJson, hold);
  }

  /** A port per service: the defaults (8081-8085), or free ones with {@code randomPorts}. */
  public Map<Service, Integer> ports() {
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      ports.put(service, randomPorts ? FreePorts.find() : service.defaultPort());
    }
    return ports;
  }

  Path logDir() {
    return workDir.resolve("logs");
  }
}
