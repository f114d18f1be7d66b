package io.perfplane.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The launcher takes only estimates priced by its own command: a run id analyzed before has older ones. */
class PipelineEstimatesTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final Instant started = Instant.parse("2026-12-06T23:00:00Z");

  @Test
  void estimatesPricedBeforeTheCommandAreNotItsOwn() {
    assertThat(Pipeline.pricedSince(json.readTree("""
        [{"pricedAt":"2026-12-06T23:00:05.123Z"},{"pricedAt":"2026-12-06T23:00:05.2Z"}]"""), started)).isTrue();
    assertThat(Pipeline.pricedSince(json.readTree("""
        [{"pricedAt":"2026-12-06T23:00:05Z"},{"pricedAt":"2026-12-06T22:10:00Z"}]"""), started)).isFalse();
    assertThat(Pipeline.pricedSince(json.readTree("[{\"pricedAt\":1796598005.5}]"), started)).isTrue();
    assertThat(Pipeline.pricedSince(json.readTree("[{\"pricedAt\":\"yesterday\"}]"), started)).isFalse();
  }
}
