package io.perfplane.analyzer.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Heap retained per active (run, endpoint) series, measured as used-heap deltas after full GCs.
 *
 * <p>What a series keeps decoded on the heap while its run is active (RocksDB stores in production): its whole-run
 * slice and its current per-second slice (dirty until the next commit), plus its share of the run's {@code *}
 * (all endpoints) total and current slice. The per-second history lives encoded in RocksDB and its changelog (disk,
 * bounded block cache), reported separately as bytes per series for the longest live window (5 min).
 *
 * <p>Realistic data: 200 requests/s per series for 5 minutes, log-normal latencies (median ~13 ms, p99.9 ~ 0.25 s)
 * plus rare timeouts up to 30 s, 0.5% errors. Tunables: {@code -Dbench.series} (default 1000),
 * {@code -Dbench.endpoints} (endpoints per run, default 5).
 */
@Tag("benchmark")
class SeriesMemoryBenchmark {

  private static final int SERIES = Integer.getInteger("bench.series", 1_000);
  private static final int ENDPOINTS = Integer.getInteger("bench.endpoints", 5);
  private static final int SECONDS = 300;
  private static final int PER_SECOND = 200;
  private static final double TARGET_KB = 100;

  @Test
  void retainedHeapPerActiveSeries() {
    measure("active series", SeriesMemoryBenchmark::latencyUs);
  }

  /**
   * A named measurement's series ({@code server_timing.db} per endpoint, issue #21) is kept exactly as a latency
   * series (the same slices in the measurement stores): measured with database-like values, log-normal around 3 ms
   * with rare slow queries up to 10 s.
   */
  @Test
  void retainedHeapPerMeasurementSeries() {
    measure("measurement series (server_timing.db)", random -> random.nextInt(5_000) == 0
        ? 100_000L + random.nextLong(9_900_000L) : Math.max(1, (long) Math.exp(8.0 + 1.0 * random.nextGaussian())));
  }

  /**
   * The check outcomes of a series: one value (1) per outcome, a failure counted as an error, so the histogram has a
   * single bucket.
   */
  @Test
  void retainedHeapPerCheckSeries() {
    measure("checks series", random -> 1);
  }

  private void measure(String what, java.util.function.ToLongFunction<SplittableRandom> values) {
    int runs = Math.max(1, SERIES / ENDPOINTS);
    int series = runs * ENDPOINTS;
    SplittableRandom random = new SplittableRandom(11);
    long before = usedHeapAfterGc();
    List<LatencySlice> retained = new ArrayList<>();
    long historyBytes = 0;
    for (int run = 0; run < runs; run++) {
      LatencySlice allTotal = LatencySlice.emptyTotal();
      LatencySlice allCurrent = LatencySlice.empty();
      for (int endpoint = 0; endpoint < ENDPOINTS; endpoint++) {
        LatencySlice total = LatencySlice.emptyTotal();
        LatencySlice current = null;
        for (int second = 0; second < SECONDS; second++) {
          LatencySlice previous = current;
          current = LatencySlice.empty();
          for (int i = 0; i < PER_SECOND; i++) {
            long latencyUs = values.applyAsLong(random);
            boolean error = random.nextInt(200) == 0;
            long startUs = second * 1_000_000L + i * 5_000L;
            current.record(latencyUs, error, startUs, startUs + latencyUs);
            total.count(error, startUs, startUs + latencyUs);
            if (second == SECONDS - 1) {
              allCurrent.record(latencyUs, error, startUs, startUs + latencyUs);
            }
            allTotal.count(error, startUs, startUs + latencyUs);
          }
          if (run == 0) {
            historyBytes += current.encode().length; // the encoded per-second history of one series
          }
          if (previous != null) {
            // As the analyzer does once a second is evaluated: its latencies move into the run totals.
            total.settle(second - 1, List.of(previous));
            allTotal.settle(second - 1, List.of(previous));
          }
        }
        retained.add(total);
        retained.add(current);
      }
      retained.add(allTotal);
      retained.add(allCurrent);
    }
    long after = usedHeapAfterGc();
    double kbPerSeries = (after - before) / 1024.0 / series;
    double historyKb = historyBytes / 1024.0;
    System.out.println();
    System.out.printf("== analyzer memory per %s (%,d series = %,d runs x %d endpoints, %d samples/s, "
        + "%d s)%n", what, series, runs, ENDPOINTS, PER_SECOND, SECONDS);
    System.out.printf("heap retained per series (total + current second + share of *): %8.1f KB "
        + "(target <= %.0f KB) %s%n", kbPerSeries, TARGET_KB, kbPerSeries <= TARGET_KB ? "OK" : "OVER");
    System.out.printf("encoded 5 min per-second history per series (RocksDB/changelog, off heap): %8.1f KB%n",
        historyKb);
    System.out.printf("decoded slices retained: %,d%n", retained.size());
    assertThat(retained).hasSize(series * 2 + runs * 2);
  }

  /** Log-normal around 13 ms; one request in 10,000 times out somewhere up to 30 s. */
  private static long latencyUs(SplittableRandom random) {
    if (random.nextInt(10_000) == 0) {
      return 1_000_000L + random.nextLong(29_000_000L);
    }
    return (long) Math.exp(9.5 + 0.8 * random.nextGaussian());
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // Several rounds: a single System.gc() may leave floating garbage; take the settled minimum.
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
