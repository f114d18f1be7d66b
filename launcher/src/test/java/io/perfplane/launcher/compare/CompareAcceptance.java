package io.perfplane.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acceptance cases of {@code perfplane compare} that hold whatever the sides are read from: each subclass saves
 * the generated runs in its own input format.
 */
abstract class CompareAcceptance {

  private static final String[] GATE = {"--max-regression", "p50=10%", "--max-regression", "p95=10%",
      "--max-regression", "p99=10%", "--max-regression", "shift=10%", "--max-regression", "error_rate=1%",
      "--max-regression", "throughput=10%"};

  @TempDir
  Path dir;

  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  /** Saves {@code run} in this input format under {@code dir} ({@code name} without extension). */
  abstract Path save(GeneratedRun run, String name, String runId) throws IOException;

  static GeneratedRun threeEndpoints(long seed, double cartScale) {
    return new GeneratedRun(seed, 2_000, 40)
        .endpoint("GET /api/items/{id}", 25, 0.35, 1, 0.01)
        .endpoint("POST /api/cart", 80, 0.5, cartScale, 0.01)
        .endpoint("GET /api/search", 120, 0.6, 1, 0.01);
  }

  @Test
  void aThirtyPercentRegressionOnOneEndpointFailsNamingIt() throws IOException {
    Path baseline = save(threeEndpoints(1, 1), "baseline", "r1");
    Path candidate = save(threeEndpoints(2, 1.3), "candidate", "r2");
    Path json = dir.resolve("compare.json");

    int exit = run(new String[] {baseline.toString(), candidate.toString(), "--max-regression", "p95=10%",
        "--summary-json", json.toString()});

    assertThat(exit).as(stdout.toString()).isEqualTo(CompareCommand.REGRESSION);
    String result = stdout.toString().substring(stdout.toString().indexOf("result"));
    assertThat(result).contains("POST /api/cart p95").doesNotContain("items").doesNotContain("search");
    JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(json));
    List<String> regressed = new ArrayList<>();
    doc.path("regressions").forEach(r -> regressed.add(r.path("endpoint").asString() + " "
        + r.path("metric").asString()));
    assertThat(regressed).contains("POST /api/cart p95")
        .allMatch(r -> r.startsWith("POST /api/cart") || r.startsWith(Comparison.OVERALL));
    JsonNode cartP95 = row(doc, "POST /api/cart", "p95");
    assertThat(cartP95.path("change").asDouble()).isBetween(0.2, 0.4);
    assertThat(cartP95.path("low").asDouble()).isGreaterThan(0.1);
  }

  @Test
  void aThreePercentShiftOverTwoHundredSamplesIsNotSignificant() throws IOException {
    Path baseline = save(new GeneratedRun(5, 200, 10).endpoint("GET /api/items/{id}", 50, 0.4, 1, 0), "baseline", "r1");
    Path candidate = save(new GeneratedRun(6, 200, 10).endpoint("GET /api/items/{id}", 50, 0.4, 1.03, 0), "candidate", "r2");
    Path json = dir.resolve("compare.json");

    int exit = run(gated(baseline.toString(), candidate.toString(), "--summary-json", json.toString()));

    assertThat(exit).as(stdout.toString()).isZero();
    JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(json));
    for (String metric : List.of("p50", "p95", "p99", "shift")) {
      JsonNode row = row(doc, "GET /api/items/{id}", metric);
      assertThat(row.path("verdict").asString()).as(metric + ": " + row).isEqualTo("same");
      assertThat(row.path("low").asDouble()).as(metric).isNegative();
      assertThat(row.path("high").asDouble()).as(metric).isPositive();
    }
    assertThat(stdout.toString()).containsPattern("GET /api/items/\\{id\\}\\s+shift .* ~");
  }

  static String[] gated(String... args) {
    String[] all = new String[args.length + GATE.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(GATE, 0, all, args.length, GATE.length);
    return all;
  }

  int run(String[] args) {
    stdout.reset();
    stderr.reset();
    return CompareCommand.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), dir);
  }

  static JsonNode row(JsonNode doc, String endpoint, String metric) {
    for (JsonNode row : doc.path("rows")) {
      if (row.path("endpoint").asString().equals(endpoint) && row.path("metric").asString().equals(metric)) {
        return row;
      }
    }
    throw new AssertionError("no row " + endpoint + " " + metric + " in " + doc);
  }
}
