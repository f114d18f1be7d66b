package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (the Debian package) scrapes the five services during a short {@code perfplane demo}, with the
 * repository's SLO rules loaded; then every query of every provisioned dashboard is executed through Prometheus's
 * HTTP API (PostgreSQL panels through JDBC) and must return data.
 *
 * <p>The load-test run dashboard's queries (panels and annotations) are executed with {@code $run} set to the demo's
 * run id and must return data; set to a run that never existed they must return none, so each is proven filtered by
 * the run. They run after the demo, over the range from its start: the run's live series are removed from the
 * services' registries when the run ends (loadgen) or is finalized (analyzer), but Prometheus keeps what it scraped
 * while they existed, which is what Grafana shows for a past time range too. The capacity and cost gauges appear only
 * after finalization, so the demo keeps its services up a few seconds after its summary ({@code --hold}) for them to
 * be scraped.
 *
 * <p>Slow (a whole demo): {@code ./mvnw -B -pl deploy-tests verify -Pprometheus-it}.
 */
@Tag("prometheus-it")
class PrometheusDashboardQueriesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern SERVICE_URL = Pattern.compile("([a-z]+-service) (http://[\\w.:\\[\\]-]+)");
  private static final Pattern JDBC_URL = Pattern.compile("postgres (jdbc:postgresql://\\S+)");
  private static final Pattern RUN_ID = Pattern.compile("load running \\S+ run (demo-[0-9a-f]+),");

  @Test
  void everyDashboardQueryReturnsDataFromARealScrape(@TempDir Path dir) throws Exception {
    Path prometheusBinary = Tools.require("prometheus", "apt-get install -y prometheus");
    // A private copy of the jars: the run must not see them replaced by a concurrent build, nor share the
    // repository's .perfplane/ (logs, analyzer state) with another demo.
    Path home = dir.resolve("home");
    Path launcher = copyJar(Repo.path("launcher/target/perfplane-launcher.jar"), home.resolve("launcher/target"));
    for (String service : ServiceEnv.SERVICES) {
      String module = service + "-service";
      copyJar(Repo.path(module + "/target/" + module + "-0.1.0-SNAPSHOT.jar"), home.resolve(module + "/target"));
    }

    int prometheusPort = freePort();
    Path targets = dir.resolve("targets.json");
    Files.writeString(targets, "[]");
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 2s
          evaluation_interval: 2s
        rule_files:
          - %s
        scrape_configs:
          - job_name: perfplane
            metrics_path: /actuator/prometheus
            file_sd_configs:
              - files: [%s]
                refresh_interval: 2s
        """.formatted(Repo.path("deploy/prometheus/rules/perfplane-slo.yml"), targets));
    Process prometheus = new ProcessBuilder(prometheusBinary.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("tsdb"),
        "--web.listen-address=127.0.0.1:" + prometheusPort)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    Process demo = null;
    try {
      URI api = URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/");
      awaitReady(api.resolve("status/runtimeinfo"));
      Instant start = Instant.now();

      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
          "-Dperfplane.home=" + home, "-Dperfplane.log.dir=" + home.resolve(".perfplane/logs"),
          "-jar", launcher.toString(), "demo", "--random-ports", "--kafka-port", "0", "--vus", "8", "--duration",
          "40", "--hold", "8");
      ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      // The services inherit the launcher's environment: latency histograms with a 500 ms bucket, as compose and
      // Helm configure them, and a fourth SLO no run can meet so the analyzer opens a breach.
      env.put("MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_HTTP_SERVER_REQUESTS", "true");
      env.put("MANAGEMENT_METRICS_DISTRIBUTION_SLO_HTTP_SERVER_REQUESTS", "500ms");
      env.put("PERFPLANE_ANALYZER_SLOS_3_ID", "impossible-p50");
      env.put("PERFPLANE_ANALYZER_SLOS_3_ENDPOINT", "*");
      env.put("PERFPLANE_ANALYZER_SLOS_3_INDICATOR", "latency_p50");
      env.put("PERFPLANE_ANALYZER_SLOS_3_OBJECTIVE", "0.001");
      env.put("PERFPLANE_ANALYZER_SLOS_3_WINDOW", "10s");
      demo = builder.start();
      StringBuilder output = new StringBuilder();
      Map<String, String> services = new LinkedHashMap<>();
      String[] jdbcUrl = new String[1];
      String[] runId = new String[1];
      Process running = demo;
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(running.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            synchronized (output) {
              output.append(line).append('\n');
            }
            Matcher jdbc = JDBC_URL.matcher(line);
            if (jdbc.find()) {
              jdbcUrl[0] = jdbc.group(1);
            }
            Matcher run = RUN_ID.matcher(line);
            if (run.find()) {
              runId[0] = run.group(1);
            }
            if (line.contains("all five services ready")) {
              Matcher matcher = SERVICE_URL.matcher(line);
              while (matcher.find()) {
                services.put(matcher.group(1), URI.create(matcher.group(2)).getAuthority());
              }
              writeTargets(targets, services);
              errorTraffic(services.get("api-service"));
            }
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      boolean finished = demo.waitFor(8, TimeUnit.MINUTES);
      if (!finished) {
        synchronized (output) {
          throw new AssertionError("demo did not finish within 8 minutes:\n" + output);
        }
      }
      reader.get(30, TimeUnit.SECONDS);
      assertThat(services).as(output.toString()).hasSize(5);
      assertThat(demo.exitValue()).as("demo exit (99: the impossible SLO breached): %s", output).isEqualTo(99);
      Thread.sleep(4000); // a last rule evaluation over the final scrapes

      assertThat(runId[0]).as("the demo printed its run id: %s", output).isNotNull();
      Instant end = Instant.now();
      assertThat(labelValues(api, "run", "perfplane_analyzer_window_rps", start, end))
          .as("the run dashboard's run variable offers the demo's run").contains(runId[0]);

      List<String> empty = new ArrayList<>();
      List<String> unfiltered = new ArrayList<>();
      int executed = 0;
      int runQueries = 0;
      for (Path file : Files.list(Repo.path("deploy/grafana/dashboards")).filter(f -> f.toString().endsWith(".json"))
          .toList()) {
        JsonNode dashboard = JSON.readTree(file.toFile());
        List<Map.Entry<String, String>> prometheusQueries = new ArrayList<>();
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
          if (annotation.has("expr")) {
            prometheusQueries.add(Map.entry("annotation " + annotation.path("name").asString(),
                annotation.path("expr").asString()));
          }
        }
        for (JsonNode panel : dashboard.path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            if (target.has("expr")) {
              prometheusQueries.add(Map.entry(panel.path("title").asString(), target.path("expr").asString()));
            }
          }
        }
        for (Map.Entry<String, String> entry : prometheusQueries) {
          executed++;
          String title = entry.getKey();
          String query = entry.getValue().replace("$__rate_interval", "20s").replace("$__range", "5m")
              .replace("$application", "api-service").replace("$endpoint", ".+");
          if (query.contains("$run")) {
            runQueries++;
            if (hasData(api, query.replace("$run", "no-such-run"), start, end)) {
              unfiltered.add(title + ": " + query);
            }
            query = query.replace("$run", runId[0]);
          }
          if (!hasData(api, query, start, end)) {
            empty.add(title + ": " + query);
          }
        }
        for (JsonNode panel : dashboard.path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            String title = panel.path("title").asString();
            if (target.has("rawSql")) {
              executed++;
              String sql = target.path("rawSql").asString()
                  .replace("$__timeFilter(priced_at)", "priced_at > now() - interval '1 hour'");
              if (!sqlHasRows(jdbcUrl[0], sql)) {
                empty.add(title + " (SQL): " + sql);
              }
            }
          }
        }
      }
      assertThat(executed).isGreaterThan(45);
      assertThat(runQueries).as("the run dashboard's queries").isGreaterThan(20);
      assertThat(empty).as("dashboard queries without data (run %s, prometheus log: %s)", runId[0],
          dir.resolve("prometheus.log")).isEmpty();
      assertThat(unfiltered).as("run dashboard queries with data for a run that never existed").isEmpty();
    } finally {
      if (demo != null && demo.isAlive()) {
        demo.destroy();
        demo.waitFor(30, TimeUnit.SECONDS);
      }
      prometheus.destroy();
      prometheus.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static Path copyJar(Path jar, Path targetDir) throws IOException {
    assertThat(jar).as("build first: ./mvnw -B -DskipTests install").isRegularFile();
    Files.createDirectories(targetDir);
    return Files.copy(jar, targetDir.resolve(jar.getFileName()));
  }

  private static void writeTargets(Path file, Map<String, String> services) throws IOException {
    List<Map<String, Object>> groups = new ArrayList<>();
    services.forEach((service, authority) -> groups.add(Map.of("targets", List.of(authority),
        "labels", Map.of("service", service))));
    Path tmp = file.resolveSibling("targets.json.tmp");
    Files.writeString(tmp, JSON.writeValueAsString(groups));
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** A few unauthenticated and not-found requests, so the error panels have something to show. */
  private static void errorTraffic(String apiAuthority) {
    for (int i = 0; i < 5; i++) {
      get(URI.create("http://" + apiAuthority + "/api/dashboards"), Map.of());
      get(URI.create("http://" + apiAuthority + "/api/dashboards/no-such-dashboard/overview"),
          Map.of("X-Api-Key", "ccl-demo-key"));
    }
  }

  private static boolean hasData(URI api, String query, Instant start, Instant end) throws Exception {
    URI uri = api.resolve("query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start="
        + start.getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=2");
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s -> %s", query, response.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(response.body()).path("data").path("result");
    for (JsonNode series : result) {
      for (JsonNode value : series.path("values")) {
        if (!value.get(1).asString().equals("NaN")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The values of {@code label} on the series of {@code metric} in the range, as Grafana's label_values asks. */
  private static List<String> labelValues(URI api, String label, String metric, Instant start, Instant end)
      throws Exception {
    URI uri = api.resolve("label/" + label + "/values?match[]=" + URLEncoder.encode(metric, StandardCharsets.UTF_8)
        + "&start=" + start.getEpochSecond() + "&end=" + end.getEpochSecond());
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s -> %s", uri, response.body()).isEqualTo(200);
    List<String> values = new ArrayList<>();
    JSON.readTree(response.body()).path("data").forEach(value -> values.add(value.asString()));
    return values;
  }

  private static boolean sqlHasRows(String jdbcUrl, String sql) throws Exception {
    assertThat(jdbcUrl).as("the demo printed its PostgreSQL URL").isNotNull();
    String password = System.getenv().getOrDefault("PGPASSWORD", "postgres");
    try (Connection connection = DriverManager.getConnection(jdbcUrl,
        System.getenv().getOrDefault("PERFPLANE_TEST_DB_USER", "postgres"), password);
        ResultSet rows = connection.createStatement().executeQuery(sql)) {
      return rows.next();
    }
  }

  private static void awaitReady(URI uri) throws InterruptedException {
    for (int i = 0; i < 60; i++) {
      if (get(uri, Map.of()) == 200) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Prometheus did not start: " + uri);
  }

  private static int get(URI uri, Map<String, String> headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
      headers.forEach(request::header);
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
