package io.perfplane.launcher.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One side of a comparison: its samples per endpoint and over all endpoints.
 *
 * @param label where it came from, for the output (a file name)
 * @param format the results format read ({@code native}, {@code k6})
 * @param endpoints per endpoint label, sorted by label
 * @param overall every request
 */
record RunSamples(String label, String format, TreeMap<String, EndpointSamples> endpoints, EndpointSamples overall) {

  /** Collects samples in any order; not thread-safe. */
  static final class Builder {

    private final Map<String, Growing> endpoints = new HashMap<>();
    private final Growing overall = new Growing();
    private long firstStartUs = Long.MAX_VALUE;
    private long lastEndUs = Long.MIN_VALUE;

    /**
     * Adds one request.
     *
     * @param startUs its start, µs since the epoch
     * @param latencyUs its latency, µs, &gt;= 0
     */
    Builder add(String endpoint, long startUs, long latencyUs, boolean error) {
      long endUs = startUs + latencyUs;
      firstStartUs = Math.min(firstStartUs, startUs);
      lastEndUs = Math.max(lastEndUs, endUs);
      endpoints.computeIfAbsent(endpoint, e -> new Growing()).add(latencyUs, endUs, error);
      overall.add(latencyUs, endUs, error);
      return this;
    }

    boolean isEmpty() {
      return overall.size == 0;
    }

    RunSamples build(String label, String format) {
      double duration = isEmpty() ? 0 : (lastEndUs - firstStartUs) / 1e6;
      long firstSecond = isEmpty() ? 0 : Math.floorDiv(firstStartUs, 1_000_000L);
      long lastSecond = isEmpty() ? -1 : Math.floorDiv(lastEndUs, 1_000_000L);
      TreeMap<String, EndpointSamples> built = new TreeMap<>();
      endpoints.forEach((name, g) -> built.put(name, g.build(duration, firstSecond, lastSecond)));
      return new RunSamples(label, format, built, overall.build(duration, firstSecond, lastSecond));
    }
  }

  private static final class Growing {
    private long[] latencies = new long[1024];
    private int size;
    private long errors;
    private final Map<Long, Long> perSecond = new HashMap<>();

    void add(long latencyUs, long endUs, boolean error) {
      if (size == latencies.length) {
        latencies = Arrays.copyOf(latencies, size * 2);
      }
      latencies[size++] = latencyUs;
      if (error) {
        errors++;
      }
      perSecond.merge(Math.floorDiv(endUs, 1_000_000L), 1L, Long::sum);
    }

    EndpointSamples build(double durationSeconds, long firstSecond, long lastSecond) {
      long[] sorted = Arrays.copyOf(latencies, size);
      Arrays.sort(sorted);
      List<Long> counts = new ArrayList<>();
      // The run's first and last seconds are partial: counting them as whole seconds would fake a throughput dip.
      long from = lastSecond - firstSecond >= 2 ? firstSecond + 1 : firstSecond;
      long to = lastSecond - firstSecond >= 2 ? lastSecond - 1 : lastSecond;
      for (long s = from; s <= to; s++) {
        counts.add(perSecond.getOrDefault(s, 0L));
      }
      long[] seconds = counts.stream().mapToLong(Long::longValue).sorted().toArray();
      return new EndpointSamples(sorted, errors, seconds, durationSeconds);
    }
  }
}
