package io.perfplane.analyzer.stream;

import static io.perfplane.analyzer.stream.PlainStores.T0_SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.WindowSpan;
import io.perfplane.contracts.slo.BurnRatePolicy;
import org.junit.jupiter.api.Test;

/** Window reading and settling over real in-memory stores, without a topology. */
class RunWindowsTest {

  private final PlainStores stores = new PlainStores();
  private final RunWindows windows = new RunWindows(stores.slices, stores.totals);

  @Test
  void aWindowMergesTheSecondsOfItsSpanOnly() {
    for (int s = 0; s < 12; s++) {
      stores.record("r", "GET /a", s, 10, s + 1, false); // second s: 10 requests of s+1 ms
    }
    LatencySlice window = windows.window("r", "GET /a", WindowSpan.ending(T0_SECOND + 9, 10), T0_SECOND + 9);

    assertThat(window.requests()).isEqualTo(100);
    assertThat(window.latencyMsAt(95)).isCloseTo(10.0, within(0.01)); // seconds 0..9: 1..10 ms, 10 each
    assertThat(window.meanLatencyMs()).isCloseTo(5.5, within(0.01));
    LatencySlice later = windows.window("r", "*", WindowSpan.ending(T0_SECOND + 11, 2), T0_SECOND + 11);
    assertThat(later.requests()).isEqualTo(20);
    assertThat(later.latencyMsAt(0)).isCloseTo(11.0, within(0.02));
  }

  @Test
  void theCompletePartOfAWindowIsMergedOnceAndOnlyTheFillingSecondIsReRead() {
    for (int s = 0; s < 5; s++) {
      stores.record("r", "*", s, 10, 5, false);
    }
    WindowSpan span = WindowSpan.ending(T0_SECOND + 4, 5);
    assertThat(windows.window("r", "*", span, T0_SECOND + 3).requests()).isEqualTo(50);
    windows.endPass();

    // The filling second grows and is re-read; a complete second cannot change, so its cached merge stands.
    stores.record("r", "*", 4, 10, 5, false);
    stores.record("r", "*", 0, 10, 5, false);
    assertThat(windows.window("r", "*", span, T0_SECOND + 3).requests()).isEqualTo(60);
    // Within one pass the same window is merged once: further samples are not seen until the pass ends.
    stores.record("r", "*", 4, 10, 5, false);
    assertThat(windows.window("r", "*", span, T0_SECOND + 3).requests()).isEqualTo(60);
    windows.endPass();
    assertThat(windows.window("r", "*", span, T0_SECOND + 3).requests()).isEqualTo(70);
  }

  @Test
  void countsAddRequestsAndErrorsOfEachSecond() {
    stores.record("r", "GET /a", 0, 10, 5, false);
    stores.record("r", "GET /a", 1, 4, 5, true);
    stores.record("r", "GET /a", 2, 6, 5, false);

    BurnRatePolicy.Counts counts = windows.counts("r", "GET /a", WindowSpan.ending(T0_SECOND + 2, 3), T0_SECOND + 2);
    assertThat(counts.requests()).isEqualTo(20);
    assertThat(counts.errors()).isEqualTo(4);
    assertThat(windows.counts("r", "GET /a", WindowSpan.ending(T0_SECOND + 1, 1), T0_SECOND).errors()).isEqualTo(4);
  }

  @Test
  void settlingMovesSecondsIntoTheTotalAndTheWholeRunStillSeesEverySample() {
    for (int s = 0; s < 10; s++) {
      stores.record("r", "GET /a", s, 10, s < 5 ? 10 : 100, false);
    }
    assertThat(windows.endpoints("r")).containsExactlyInAnyOrder("*", "GET /a");

    windows.settle("r", T0_SECOND + 4);

    LatencySlice total = windows.total("r", "GET /a");
    assertThat(total.settledThroughSecond()).isEqualTo(T0_SECOND + 4);
    assertThat(total.requests()).isEqualTo(100);
    LatencySlice whole = windows.wholeRun("r", "GET /a");
    assertThat(whole.requests()).isEqualTo(100);
    assertThat(whole.meanLatencyMs()).isCloseTo(55.0, within(0.1)); // half 10 ms (settled), half 100 ms (pending)
    assertThat(windows.firstSliceSecond("r")).as("settled slices stay readable for windows").isEqualTo(T0_SECOND);
    assertThat(windows.mergedFromStore("r", "*", WindowSpan.ending(T0_SECOND + 9, 10)).requests()).isEqualTo(100);
  }
}
