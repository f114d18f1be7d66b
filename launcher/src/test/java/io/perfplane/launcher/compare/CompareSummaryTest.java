package io.perfplane.launcher.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code perfplane compare} on saved summaries whose {@code histograms} hold the runs' distributions: the acceptance
 * cases of the results files, through the histogram path.
 */
class CompareSummaryTest extends CompareAcceptance {

  @Override
  Path save(GeneratedRun run, String name, String runId) throws IOException {
    return run.summary(dir.resolve(name + ".json"), runId);
  }

  @Test
  void twoSummariesOfTheSameDistributionPass() throws IOException {
    Path baseline = threeEndpoints(1, 1).summary(dir.resolve("base.json"), "r1");
    Path candidate = threeEndpoints(2, 1).summary(dir.resolve("cand.json"), "r2");
    Path json = dir.resolve("compare.json");

    int exit = run(gated(baseline.toString(), candidate.toString(), "--summary-json", json.toString()));

    assertThat(exit).as(stdout.toString()).isZero();
    assertThat(stdout.toString()).contains("baseline  summary base.json (run r1, 6,000 requests over",
        "candidate summary cand.json (run r2, 6,000 requests");
    JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(json));
    assertThat(doc.path("rows").size()).isEqualTo(24);
    assertThat(doc.path("baseline").path("source").asString()).isEqualTo("summary");
    assertThat(doc.path("baseline").path("format").asString()).isEqualTo("histograms");
    assertThat(doc.path("baseline").path("runId").asString()).isEqualTo("r1");
    assertThat(doc.path("baseline").path("file").asString()).endsWith("base.json");
    // The throughput rows are tested from the documents' requests per second, not shown as a plain change.
    assertThat(row(doc, Comparison.OVERALL, "throughput").path("p").isNumber()).isTrue();
  }

  @Test
  void aSummaryAgainstTheResultsFileOfTheSameRunShowsNoChangeBeyondTheHistogramsPrecision() throws IOException {
    GeneratedRun run = threeEndpoints(4, 1);
    Path summary = run.summary(dir.resolve("base.json"), "r4");
    Path file = run.write(dir.resolve("cand.ndjson"));
    Path json = dir.resolve("compare.json");

    int exit = run(gated("--baseline-file", summary.toString(), file.toString(), "--summary-json",
        json.toString()));

    assertThat(exit).as(stdout.toString()).isZero();
    assertThat(stdout.toString()).contains("candidate cand.ndjson (native, 6,000 requests");
    JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(json));
    for (JsonNode row : doc.path("rows")) {
      if (List.of("p50", "p95", "p99").contains(row.path("metric").asString())) {
        // The file's exact latencies lie at most one bucket (0.1 %) below the histogram's highest equivalents.
        assertThat(row.path("change").asDouble()).as(row.toString()).isBetween(-0.001, 0.0);
      }
    }
    assertThat(row(doc, Comparison.OVERALL, "error_rate").path("change").asDouble()).isZero();
  }

  @Test
  void withoutRequestsPerSecondTheThroughputRowIsThePlainChangeAndSaysWhy() throws IOException {
    GeneratedRun run = new GeneratedRun(8, 500, 50).endpoint("GET /a", 20, 0.3, 1, 0);
    Path summary = dir.resolve("base.json");
    Files.writeString(summary, "{\"schema\":1,\"runId\":\"r8\",\"histograms\":" + run.histograms("r8", false) + "}");
    Path file = new GeneratedRun(9, 500, 50).endpoint("GET /a", 20, 0.3, 1, 0).write(dir.resolve("c.ndjson"));

    int exit = run(gated(summary.toString(), file.toString()));

    assertThat(exit).as(stdout.toString()).isZero();
    assertThat(stdout.toString()).containsPattern("overall\\s+throughput .* ~  \\(no requests per second in the "
        + "baseline's histograms: plain change of requests / span, no interval\\)");
  }

  @Test
  void aSummaryWithoutHistogramsIsRefusedWithTheReason() throws IOException {
    Path summary = Files.writeString(dir.resolve("old.json"), "{\n  \"schema\" : 1,\n  \"endpoints\" : [ ],\n"
        + "  \"histograms\" : null\n}\n");
    Path file = new GeneratedRun(1, 50, 10).endpoint("GET /a", 50, 0.3, 1, 0).write(dir.resolve("b.ndjson"));

    assertThat(run(new String[] {summary.toString(), file.toString()})).isEqualTo(2);
    assertThat(stderr.toString()).contains("old.json: this --summary-json has no histograms")
        .contains("holds percentiles, not the distributions");
  }
}
