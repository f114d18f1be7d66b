package io.perfplane.analyzer.stream;

import io.perfplane.analyzer.window.LatencySlice;
import io.perfplane.analyzer.window.RollingWindow;
import io.perfplane.analyzer.window.WindowSpan;
import io.perfplane.analyzer.window.WindowStats;
import io.perfplane.contracts.MeasurementKind;

/**
 * Reports an active run's trailing 10 s window (ending where live evaluation got to) as live metrics: latency,
 * throughput and errors per endpoint, and each named duration measurement and the check outcomes per endpoint.
 * Scores are left out: they come from imports (web vitals), whose windows are long past, never from a live run.
 */
final class LiveWindows {

  private final RunWindows latency;
  private final RunWindows measurements;
  private final AnalyzerMetrics metrics;
  private final int lateGraceSeconds;

  LiveWindows(RunWindows latency, RunWindows measurements, AnalyzerMetrics metrics, int lateGraceSeconds) {
    this.latency = latency;
    this.measurements = measurements;
    this.metrics = metrics;
    this.lateGraceSeconds = lateGraceSeconds;
  }

  /**
   * @param completeThrough seconds up to this one are complete (the run's last evaluated second)
   * @param all the run's totals over all endpoints, for its newest second
   */
  void publish(String runId, long completeThrough, LatencySlice all) {
    long last = WindowSpan.secondOf(all.lastEndUs()) - lateGraceSeconds;
    WindowSpan span = WindowSpan.ending(last, RollingWindow.TEN_SECONDS.seconds());
    for (String endpoint : latency.endpoints(runId)) {
      metrics.windowObserved(runId, endpoint,
          WindowStats.of(latency.window(runId, endpoint, span, completeThrough), span.seconds()));
    }
    for (String key : measurements.endpoints(runId)) {
      MeasurementSeries series = MeasurementSeries.parse(key);
      if (series != null && series.kind() != MeasurementKind.SCORE) {
        metrics.measurementWindowObserved(runId, series.endpoint(), series.name(),
            WindowStats.of(measurements.window(runId, key, span, completeThrough), span.seconds()));
      }
    }
  }
}
