package io.perfplane.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five services as child JVMs ({@code java -jar <module>/target/<module>-*.jar}, extracted and with an AOT cache
 * where {@link ServiceJars} can), configured only by environment variables, exactly as a user runs them against
 * external Kafka and PostgreSQL. Each child gets
 * {@code PERFPLANE_PARENT_PID} so it exits on its own if this process is killed without running its shutdown hook.
 * Shared by the launcher's commands ({@code demo}, {@code run}).
 */
public final class ServiceFleet implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceFleet.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  /** A JVM recording its AOT cache writes it on exit: about 10 s alone, longer beside the others on 2 cores. */
  private static final Duration RECORDING_GRACE = Duration.ofSeconds(75);

  private final Map<Service, Process> processes = new EnumMap<>(Service.class);
  private final Map<Service, ServiceJars.Launch> launches = new EnumMap<>(Service.class);
  private final Map<Service, Integer> ports;
  private final Path logDir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServiceFleet(Map<Service, Integer> ports, Path logDir) {
    this.ports = ports;
    this.logDir = logDir;
  }

  /**
   * Starts {@code services} (all of them for the demo, ingest and analyzer for an import, ...) and returns once each
   * reports readiness.
   *
   * @param home repository root holding {@code <module>/target/<module>-*.jar}
   * @param ports port per service
   * @param env environment per service (added to this process's environment)
   * @param logDir where each service's console output goes ({@code <module>.log})
   * @param readiness how long to wait for all services to become ready
   */
  public static ServiceFleet start(Path home, Set<Service> services, Map<Service, Integer> ports,
      Map<Service, Map<String, String>> env, Path logDir, Duration readiness) {
    ServiceFleet fleet = new ServiceFleet(ports, logDir);
    try {
      Files.createDirectories(logDir);
      String java = ProcessHandle.current().info().command().orElse("java");
      boolean aot = !"off".equalsIgnoreCase(System.getenv().getOrDefault("PERFPLANE_AOT", "on"));
      for (Service service : EnumSet.copyOf(services)) {
        fleet.launch(service, ServiceJars.prepare(home, service, java, aot), java,
            env.getOrDefault(service, Map.of()));
      }
      fleet.awaitReady(readiness);
      return fleet;
    } catch (IOException e) {
      fleet.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  private void launch(Service service, ServiceJars.Launch launch, String java, Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(java,
        // Kafka's lz4 and RocksDB use sun.misc.Unsafe and JNI; JDK 25 warns on stderr unless told it is expected.
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
        // Small, quick-starting JVMs: five of them share the machine with the broker and the load.
        "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=" + (service == Service.API
            || service == Service.LOADGEN ? "4" : "1"),
        "-Xmx" + (service == Service.ANALYZER ? "512m" : "384m")));
    command.addAll(launch.jvmArgs());
    command.addAll(List.of("-jar", launch.jar().toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(logDir.resolve(service.module() + ".log").toFile());
    builder.environment().putAll(env);
    builder.environment().put("PERFPLANE_PORT", Integer.toString(ports.get(service)));
    builder.environment().put("PERFPLANE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
    processes.put(service, builder.start());
    launches.put(service, launch);
    log.info("started {} (pid {}) on port {}", service.module(), processes.get(service).pid(), ports.get(service));
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Service service : processes.keySet()) {
      URI readiness = baseUri(service).resolve("/actuator/health/readiness");
      while (!ready(readiness)) {
        Process process = processes.get(service);
        if (!process.isAlive()) {
          throw new IllegalStateException(service.module() + " exited with code " + process.exitValue()
              + " during startup; see " + logDir.resolve(service.module() + ".log"));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(service.module() + " not ready after " + timeout.toSeconds()
              + " s; see " + logDir.resolve(service.module() + ".log"));
        }
        sleep(Duration.ofMillis(250));
      }
      log.info("{} ready", service.module());
    }
  }

  private boolean ready(URI uri) {
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for services", e);
    }
  }

  /**
   * A fresh secret for a child service's credentials (loadgen's control token, ingest's upload tokens): 24 random
   * bytes as hex. Handed to the child in its environment only, never printed.
   */
  public static String newSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public URI baseUri(Service service) {
    return URI.create("http://127.0.0.1:" + ports.get(service));
  }

  /** Processes of the services and their descendants, for checks that nothing is left behind. */
  List<ProcessHandle> handles() {
    List<ProcessHandle> handles = new ArrayList<>();
    for (Process process : processes.values()) {
      handles.add(process.toHandle());
      process.descendants().forEach(handles::add);
    }
    return handles;
  }

  /** Asks every service to shut down gracefully (SIGTERM), in parallel, then kills what is left after a grace. */
  @Override
  public void close() {
    // Load first, so no new samples arrive while the rest drains; then the others together.
    stop(List.of(Service.LOADGEN, Service.INGEST));
    stop(List.of(Service.API, Service.ANALYZER, Service.COST));
  }

  private void stop(List<Service> services) {
    Map<Service, Process> stopping = new EnumMap<>(Service.class);
    for (Service service : services) {
      Process process = processes.remove(service);
      if (process != null && process.isAlive()) {
        process.destroy();
        stopping.put(service, process);
      }
    }
    if (stopping.keySet().stream().anyMatch(s -> launches.get(s).recording() != null)) {
      log.info("writing the AOT caches of the first start after a build (faster starts from now on) ...");
    }
    for (Map.Entry<Service, Process> entry : stopping.entrySet()) {
      Process process = entry.getValue();
      ServiceJars.Launch launch = launches.get(entry.getKey());
      Duration grace = launch.recording() != null ? RECORDING_GRACE : STOP_GRACE;
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("pid {} ignored SIGTERM for {} s; killing it", process.pid(), grace.toSeconds());
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        ServiceJars.keep(launch);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
