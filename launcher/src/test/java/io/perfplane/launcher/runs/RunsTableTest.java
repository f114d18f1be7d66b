package io.perfplane.launcher.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RunsTableTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /** 2025-11-01T22:54:00Z in µs. */
  private static final long START_US = 1_762_037_640_000_000L;

  @Test
  void aFinishedImportWithABreachShowsItsFiguresAndFailedVerdict() {
    JsonNode summary = json("{\"runId\":\"shop-baseline\",\"requests\":6000,\"errors\":65,\"finished\":true,"
        + "\"startedAtUs\":" + START_US + ",\"source\":\"k6\"}");
    JsonNode view = json("{\"durationMs\":120040.0,\"p95Ms\":215.3,\"breaches\":[{\"sloId\":\"cart-p95\"}],"
        + "\"slos\":[{\"id\":\"cart-p95\",\"held\":false},{\"id\":\"availability\",\"held\":true}]}");

    String row = RunsTable.row(new RunsTable.Run(summary, view));

    assertThat(row.split(" +")).containsExactly("shop-baseline", "k6", "2025-11-01", "22:54:00", "2:00", "6,000",
        "1.08%", "215", "ms", "FAILED,", "1", "breach");
  }

  @Test
  void aRunStillGoingSaysSoAndAHeldOneSaysHeld() {
    JsonNode summary = json("{\"runId\":\"r1\",\"requests\":10,\"errors\":0,\"finished\":false,"
        + "\"startedAtUs\":" + START_US + ",\"source\":\"loadgen\"}");
    JsonNode view = json("{\"durationMs\":4000,\"p95Ms\":3.456,\"breaches\":[],\"slos\":[{\"held\":true}]}");

    assertThat(RunsTable.verdict(summary, view)).isEqualTo("held (running)");
    assertThat(RunsTable.row(new RunsTable.Run(summary, view))).contains(" 3.46 ms ").contains(" 0.00% ");
  }

  @Test
  void aRunWithoutSamplesOrViewPrintsDashes() {
    JsonNode summary = json("{\"runId\":\"empty\",\"requests\":0,\"errors\":0,\"finished\":false,"
        + "\"startedAtUs\":null,\"source\":\"unknown\"}");

    assertThat(RunsTable.row(new RunsTable.Run(summary, null)).split(" +")).containsExactly("empty", "unknown", "-",
        "-", "0", "-", "-", "-", "(running)");
  }

  @Test
  void theTableHasAHeaderAndSaysWhenThereIsNothing() {
    assertThat(RunsTable.render(List.of())).startsWith("no runs yet");
    JsonNode summary = json("{\"runId\":\"r1\",\"requests\":1,\"errors\":0,\"finished\":true}");
    assertThat(RunsTable.render(List.of(new RunsTable.Run(summary, null))).lines())
        .first().asString().startsWith("RUN").contains("SOURCE", "START (UTC)", "DURATION", "REQUESTS", "ERRORS",
            "P95", "SLOS");
  }

  @Test
  void durationsAreMinutesAndSecondsOrHours() {
    assertThat(RunsTable.duration(Duration.ofSeconds(59))).isEqualTo("0:59");
    assertThat(RunsTable.duration(Duration.ofSeconds(3725))).isEqualTo("1:02:05");
  }
}
