package io.perfplane.analyzer.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Percentile accuracy of merged slices against exact nearest-rank percentiles on heavy-tailed latencies (log-normal
 * body plus a Pareto tail), and merge equivalence: four "partitions" merged after a round trip through the changelog
 * encoding report exactly what one slice of all samples reports. {@code -Dbench.samples} (default 10M).
 */
@Tag("benchmark")
class PercentileAccuracyBenchmark {

  private static final int SAMPLES = Integer.getInteger("bench.samples", 10_000_000);
  private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9, 99.99, 100};

  @Test
  void percentilesWithinOneThousandthAndMergeEqualsSingle() {
    SplittableRandom random = new SplittableRandom(2026);
    long[] exact = new long[SAMPLES];
    LatencySlice single = LatencySlice.empty();
    LatencySlice[] partitions = {LatencySlice.empty(), LatencySlice.empty(), LatencySlice.empty(),
        LatencySlice.empty()};
    for (int i = 0; i < SAMPLES; i++) {
      long us = random.nextInt(100) == 0
          ? (long) (50_000 / Math.pow(1 - random.nextDouble(), 1 / 1.2)) // Pareto tail from 50 ms, alpha 1.2
          : (long) Math.exp(9.0 + 0.7 * random.nextGaussian()); // log-normal body, median ~8 ms
      us = Math.min(us, 3_600_000_000L); // an hour: beyond that a request has timed out anyway
      exact[i] = us;
      single.record(us, false, 0, 1);
      partitions[random.nextInt(4)].record(us, false, 0, 1);
    }
    Arrays.sort(exact);
    LatencySlice merged = LatencySlice.empty();
    for (LatencySlice partition : partitions) {
      merged.merge(LatencySlice.decode(partition.encode())); // as restored from the changelog
    }

    System.out.printf("== percentile accuracy (%,d samples, log-normal body + Pareto tail)%n", SAMPLES);
    System.out.println("percentile        exact ms     analyzer ms    rel. error   merged(4) == single");
    double worst = 0;
    for (double p : PERCENTILES) {
      int rank = (int) Math.ceil(p / 100.0 * SAMPLES);
      double exactMs = exact[Math.max(0, rank - 1)] / 1000.0;
      double reported = p == 100 ? single.maxLatencyMs() : single.latencyMsAt(p);
      double mergedMs = p == 100 ? merged.maxLatencyMs() : merged.latencyMsAt(p);
      double error = Math.abs(reported - exactMs) / exactMs;
      worst = Math.max(worst, error);
      System.out.printf("p%-8s %14.3f %14.3f %12.5f%%   %s%n", p, exactMs, reported, error * 100,
          mergedMs == reported);
      assertThat(error).as("p%s relative error", p).isLessThanOrEqualTo(0.001);
      assertThat(mergedMs).as("p%s merged across 4 partitions", p).isEqualTo(reported);
    }
    System.out.printf("worst relative error %.5f%% (target <= 0.1%%); bytes per encoded run slice: %,d%n",
        worst * 100, single.encode().length);
    assertThat(merged.requests()).isEqualTo(single.requests());
  }
}
