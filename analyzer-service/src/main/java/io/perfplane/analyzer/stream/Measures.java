package io.perfplane.analyzer.stream;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.perfplane.contracts.MeasurementKind;
import io.perfplane.contracts.slo.Slo;

/**
 * Records a sample's named measurements and check outcomes into their series ({@link MeasurementSeries}), for its
 * endpoint and for all endpoints ({@code *}), exactly as latency is recorded: into the second's slice while live,
 * into the total when late. Bounded: a run records at most {@link #MAX_NAMES_PER_RUN} measurement names (a service
 * that emits unbounded {@code Server-Timing} names cannot exhaust the heap); further names and values that cannot be
 * recorded are skipped and counted ({@link AnalyzerMetrics#measurementSkipped}). Allocation-free per sample once a
 * series' keys are cached (names arrive interned from the decoder).
 */
final class Measures {

  /** Measurement names recorded per run; each costs two series per endpoint (its own and {@code *}'s). */
  static final int MAX_NAMES_PER_RUN = 32;
  /** Runs and series whose keys are cached (see {@link SeriesKeys}). */
  private static final int CACHED_KEYS = 1024;
  /** An imported sample's check counts are recorded one by one up to this; more are scaled into it. */
  private static final int MAX_CHECK_VALUES = 1_000;

  private final int maxNamesPerRun;
  private final AnalyzerMetrics metrics;
  private final Map<String, Set<String>> namesByRun = new HashMap<>();
  /** Series keys of each duration and score name, then by run and endpoint; the checks' own. */
  private final Map<String, Series> durations = new HashMap<>();
  private final Map<String, Series> scores = new HashMap<>();
  private final Series checks = new Series(new SeriesKeys.Cache(CACHED_KEYS),
      MeasurementSeries.prefix(MeasurementKind.OTHER) + MeasurementSeries.CHECKS + '|');

  /** One name's key cache and its series prefix ({@code d:<name>|}), built once. */
  private record Series(SeriesKeys.Cache cache, String prefix) {
  }

  Measures(int maxNamesPerRun, AnalyzerMetrics metrics) {
    this.maxNamesPerRun = maxNamesPerRun;
    this.metrics = metrics;
  }

  /** Records {@code named} into the series of {@code windows}' stores (the measurement stores). */
  void record(Sample.Named named, RunWindows windows, String runId, String endpoint, long second, boolean late,
      boolean error, long startUs, long endUs) {
    for (int i = 0; i < named.names().length; i++) {
      MeasurementKind kind = named.kinds()[i];
      long value = MeasurementSeries.histogramValue(kind, named.values()[i]);
      if (value < 0 || named.names()[i].indexOf('|') >= 0) { // '|' separates a series' name from its endpoint
        metrics.measurementSkipped("invalid");
        continue;
      }
      String name = named.names()[i];
      if (!admit(runId, name)) {
        metrics.measurementSkipped("too_many_names");
        continue;
      }
      Series series = (kind == MeasurementKind.SCORE ? scores : durations).computeIfAbsent(name,
          n -> new Series(new SeriesKeys.Cache(CACHED_KEYS), MeasurementSeries.prefix(kind) + n + '|'));
      record(series, windows, runId, endpoint, second, late, value, error, startUs, endUs);
    }
    long evaluations = named.checksPassed() + named.checksFailed();
    if (evaluations > 0) {
      long failed = named.checksFailed();
      long passed = named.checksPassed();
      if (evaluations > MAX_CHECK_VALUES) { // keeps the ratio, bounds the work of one imported row
        failed = Math.round((double) failed * MAX_CHECK_VALUES / evaluations);
        passed = MAX_CHECK_VALUES - failed;
      }
      for (long n = 0; n < passed + failed; n++) {
        record(checks, windows, runId, endpoint, second, late, 1, n >= passed, startUs, endUs);
      }
    }
  }

  private static void record(Series series, RunWindows windows, String runId, String endpoint, long second,
      boolean late, long value, boolean error, long startUs, long endUs) {
    windows.recordSeries(series.cache(), runId, series.prefix(), Slo.ALL_ENDPOINTS, second, late, value, error,
        startUs, endUs);
    if (!Slo.ALL_ENDPOINTS.equals(endpoint)) {
      windows.recordSeries(series.cache(), runId, series.prefix(), endpoint, second, late, value, error, startUs,
          endUs);
    }
  }

  private boolean admit(String runId, String name) {
    Set<String> names = namesByRun.computeIfAbsent(runId, r -> new HashSet<>());
    return names.contains(name) || names.size() < maxNamesPerRun && names.add(name);
  }

  /** The run was finalized: forget its names. */
  void runClosed(String runId) {
    namesByRun.remove(runId);
  }

  void clear() {
    durations.clear();
    scores.clear();
    checks.cache().clear();
    // Names are kept: forgetting them on a rebalance would let a run exceed its bound.
  }
}
