package io.perfplane.ingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class IngestPropertiesTest {

  @Test
  void tokensAreRequired() {
    assertThatThrownBy(() -> properties(List.of())).hasMessageContaining("PERFPLANE_INGEST_TOKENS");
    assertThatThrownBy(() -> properties(List.of(" ", ""))).hasMessageContaining("PERFPLANE_INGEST_TOKENS");
  }

  @Test
  void tokensAreTrimmedAndNeverPrinted() {
    IngestProperties properties = properties(List.of(" s3cret-one ", "s3cret-two"));

    assertThat(properties.tokens()).containsExactly("s3cret-one", "s3cret-two");
    assertThat(properties.toString()).doesNotContain("s3cret").contains("2 redacted");
  }

  private static IngestProperties properties(List<String> tokens) {
    return new IngestProperties(tokens, 1024, 100, Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofMinutes(15), 8,
        new IngestProperties.Limits(Duration.ofDays(365), Duration.ofHours(1), 1000, DataSize.ofGigabytes(8), 100,
            DataSize.ofMegabytes(16), DataSize.ofGigabytes(1)));
  }
}
