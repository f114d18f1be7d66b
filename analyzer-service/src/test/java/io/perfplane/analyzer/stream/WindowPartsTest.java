package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.analyzer.window.WindowStats;
import org.apache.kafka.streams.kstream.Materialized.StoreType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows merged from the early check's cached complete part plus their newest seconds hold exactly the requests of
 * their seconds: each second's samples once, none missing, at every step of a run.
 */
class WindowPartsTest {

  /** A 10 s SLO on all endpoints: the early check caches the complete part the 10 s live window then reuses. */
  private static final Slo P95 = new Slo("p95", "*", Indicator.LATENCY_P95, 1_000, Duration.ofSeconds(10), 1);
  private static final AnalysisSettings SETTINGS = new AnalysisSettings(List.of(P95), Duration.ofSeconds(5),
      Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100));

  @TempDir
  Path stateDir;

  @Test
  void liveWindowsCountEverySecondOnce() {
    List<WindowStats> observed = new ArrayList<>();
    AnalyzerMetrics metrics = new AnalyzerMetrics() {
      @Override
      public void windowObserved(String runId, String endpoint, WindowStats stats) {
        if (endpoint.equals(Slo.ALL_ENDPOINTS)) {
          observed.add(stats);
        }
      }
    };
    try (TestRuns runs = new TestRuns(SETTINGS, stateDir, StoreType.IN_MEMORY, metrics)) {
      for (int second = 0; second <= 24; second++) {
        // A different count and latency per second: a second counted twice or missed changes the window.
        runs.pipeSeconds("r1", "GET /a", second, second, requestsIn(second), latencyUsIn(second), false);
        runs.tick(Duration.ofMillis(100)); // early check: caches the complete part of the window ending here
        observed.clear();
        runs.tick(Duration.ofMillis(900)); // live evaluation: the 10 s window ending one second back
        int last = second - 1; // the late grace
        if (last < 0) {
          continue;
        }
        long expected = 0;
        for (int s = Math.max(0, last - 9); s <= last; s++) {
          expected += requestsIn(s);
        }
        assertThat(observed).as("windows observed at second %d", second).hasSize(1);
        WindowStats window = observed.getFirst();
        assertThat(window.requests()).as("requests of the 10 s window ending at second %d", last)
            .isEqualTo(expected);
        assertThat(window.maxMs()).as("max of the window ending at %d", last)
            .isCloseTo(latencyUsIn(last) / 1000.0, within(latencyUsIn(last) / 1000.0 * 0.001));
        assertThat(window.p50Ms()).as("p50 of the window ending at %d", last)
            .isCloseTo(p50Ms(Math.max(0, last - 9), last), within(0.05));
      }
    }
  }

  private static int requestsIn(int second) {
    return 3 + second % 7 * 2;
  }

  private static long latencyUsIn(int second) {
    return 10_000L + second * 1_000L; // rises every second: the window's max is its newest second's latency
  }

  /** Nearest-rank median of the window's latencies (ms): each second's requests share one latency. */
  private static double p50Ms(int first, int last) {
    List<Long> all = new ArrayList<>();
    for (int s = first; s <= last; s++) {
      for (int i = 0; i < requestsIn(s); i++) {
        all.add(latencyUsIn(s));
      }
    }
    all.sort(null);
    return all.get((int) Math.ceil(0.5 * all.size()) - 1) / 1000.0;
  }
}
