package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.window.LatencySlice;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LateSamplesTest {

  @TempDir
  Path stateDir;

  @Test
  void samplesWithinTheGraceLandInTheirSecondLaterOnesAreCountedAsLate() {
    AnalysisSettings settings = new AnalysisSettings(List.of(), Duration.ofSeconds(5), Duration.ofSeconds(60),
        Duration.ofSeconds(1), Duration.ofSeconds(2));
    long t0Second = TestRuns.T0_US / 1_000_000L;
    try (TestRuns runs = new TestRuns(settings, stateDir)) {
      runs.pipeSeconds("r", "GET /a", 0, 9, 20, 10_000, false);
      runs.tick(Duration.ofSeconds(1)); // newest second 9, grace 2 s: seconds up to 7 are evaluated

      runs.samples.pipeInput("r", TestRuns.sample("r", "GET /a", 5_000_000, 10_000, true)); // second 5: late
      runs.samples.pipeInput("r", TestRuns.sample("r", "GET /a", 8_000_000, 10_000, true)); // second 8: in grace

      KeyValueStore<String, LatencySlice> totals = runs.driver.getKeyValueStore(AnalyzerTopology.TOTALS_STORE);
      KeyValueStore<String, LatencySlice> slices = runs.driver.getKeyValueStore(AnalyzerTopology.SLICES_STORE);
      LatencySlice all = totals.get(StoreKeys.total("r", Slo.ALL_ENDPOINTS));
      assertThat(all.requests()).as("nothing dropped").isEqualTo(202);
      assertThat(all.errors()).isEqualTo(2);
      assertThat(all.late()).isEqualTo(1);
      assertThat(totals.get(StoreKeys.total("r", "GET /a")).late()).isEqualTo(1);
      assertThat(slices.get(StoreKeys.slice("r", "GET /a", t0Second + 5)).requests())
          .as("an evaluated second never changes").isEqualTo(20);
      assertThat(slices.get(StoreKeys.slice("r", "GET /a", t0Second + 8)).requests()).isEqualTo(21);
      assertThat(slices.get(StoreKeys.slice("r", Slo.ALL_ENDPOINTS, t0Second + 8)).errors()).isEqualTo(1);
    }
  }

  @Test
  void lateGraceBelowOneSecondIsRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AnalysisSettings(List.of(), Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO)).hasMessageContaining("lateGrace");
  }
}
