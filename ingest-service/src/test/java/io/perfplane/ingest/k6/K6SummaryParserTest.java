package io.perfplane.ingest.k6;

import static io.perfplane.ingest.format.CollectingSink.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import io.perfplane.ingest.format.UnreadableUploadException;
import org.junit.jupiter.api.Test;

class K6SummaryParserTest {

  private final K6SummaryParser parser = new K6SummaryParser(1 << 20);

  @Test
  void bothShapesGiveTheSameRunLevelFigures() throws Exception {
    K6Summary legacy = parse(fixture("k6-summary-export.json"));
    K6Summary handle = parse(fixture("k6-handle-summary.json"));

    assertThat(legacy.shape()).isEqualTo("summary-export");
    assertThat(handle.shape()).isEqualTo("handleSummary");
    for (K6Summary summary : new K6Summary[] {legacy, handle}) {
      assertThat(summary.requests()).isEqualTo(5);
      assertThat(summary.requestsPerSecond()).isEqualTo(0.16);
      assertThat(summary.failedRatio()).isEqualTo(0.4);
      assertThat(summary.durationUs()).containsEntry("p(95)", 24_020_550L).containsEntry("med", 12_345L)
          .containsEntry("max", 30_000_000L).doesNotContainKey("thresholds");
      assertThat(summary.waitingUs()).containsEntry("max", 99_750L);
      assertThat(summary.testRunDurationMs()).isEqualTo(31_250.5);
      // summary-export writes true for a FAILED threshold, handleSummary {"ok": false}: both failed here.
      assertThat(summary.thresholds()).containsEntry("http_req_duration: p(95)<500", false)
          .containsEntry("http_req_failed: rate<0.01", false);
    }
  }

  @Test
  void refusesWhatIsNotASummary() {
    assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(UnreadableUploadException.class)
        .hasMessageContaining("metrics");
    assertThatThrownBy(() -> parse("{\"metrics\":")).isInstanceOf(UnreadableUploadException.class);
    assertThatThrownBy(() -> new K6SummaryParser(10).parse(new ByteArrayInputStream(
        fixture("k6-handle-summary.json").getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(UnreadableUploadException.class);
  }

  /** Found by fuzzing: a threshold that is neither a boolean nor {@code {"ok": bool}} threw a NullPointerException. */
  @Test
  void aThresholdOfNeitherShapeIsLeftOut() throws Exception {
    K6Summary summary = parse(fixture("k6-handle-summary.json").replace("\"thresholds\": {\"rate<0.01\": {\"ok\"",
        "\"thresholds\": {\"rate<0.01\": {\"o@\""));

    assertThat(summary.thresholds()).doesNotContainKey("http_req_failed: rate<0.01")
        .containsKey("http_req_duration: p(95)<500");
  }

  private K6Summary parse(String json) throws Exception {
    return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }
}
