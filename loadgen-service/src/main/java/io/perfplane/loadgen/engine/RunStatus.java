package io.perfplane.loadgen.engine;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.perfplane.loadgen.plan.Threshold;
import io.perfplane.loadgen.plan.ThresholdEvaluator;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /runs/{id}} reports: everything a CLI needs for live progress and an end-of-run summary.
 *
 * @param runId run id
 * @param name plan name
 * @param state RUNNING, FINISHED, ABORTED or FAILED
 * @param stageIndex 0-based index of the current (or last) stage of the first scenario
 * @param activeVus virtual users (closed) plus iterations in flight (open) now
 * @param targetVus target virtual users of the closed scenarios now (0 once the load stopped)
 * @param elapsedMs time since the load started (ms), frozen when it stopped
 * @param plannedDurationMs the longest scenario's duration (ms)
 * @param requests requests completed
 * @param errors requests that failed (HTTP status &ge; 400 or a failed check, timeout, connect or I/O error)
 * @param samplesPublished samples acknowledged by Kafka
 * @param samplesDropped samples discarded because the publish buffer was full
 * @param samplesFailed samples Kafka refused or could not take
 * @param reason why the run was aborted or failed; null otherwise
 * @param scenarios per-scenario progress
 * @param remainingMs planned time left (ms); 0 once over
 * @param requestsPerSecond completed requests per second over the last 10 s
 * @param p95Ms 95th percentile latency (CO-corrected) over the last 10 s (ms)
 * @param errorRate errors / requests since the start, 0-1
 * @param droppedIterations open-model iterations not started because the concurrency cap was reached
 * @param thresholds threshold verdicts so far (final once the run ended)
 * @param thresholdsPassed whether no threshold has failed
 * @param generatorId generator id in this run's samples and events ({@code <instance>/shard-<i>} for a shard)
 * @param shardIndex for a shard of a distributed run, its 0-based index; null otherwise
 * @param shardCount for a shard of a distributed run, the number of shards; null otherwise
 * @param overall cumulative figures over every sample since the load started (for an end-of-run summary)
 * @param endpoints the same cumulative figures per endpoint label, ordered by label
 * @param skippedSteps steps not sent because an extracted variable they use was unset (its extraction failed or has
 *     not run yet), all scenarios
 * @param skipped the same per step, only steps skipped at least once, in scenario and step order
 * @param serverTimingsSkipped server-timing entries and configured timing header values skipped (no duration,
 *     malformed, not a number): their requests counted, those measurements not
 */
@JsonPropertyOrder({"runId", "name", "state", "stageIndex", "activeVus", "targetVus", "elapsedMs", "plannedDurationMs",
    "requests", "errors", "samplesPublished", "samplesDropped", "samplesFailed", "reason", "scenarios", "remainingMs",
    "requestsPerSecond", "p95Ms", "errorRate", "droppedIterations", "thresholds", "thresholdsPassed", "generatorId",
    "shardIndex", "shardCount", "overall", "endpoints", "skippedSteps", "skipped", "serverTimingsSkipped"})
public record RunStatus(String runId, String name, RunState state, int stageIndex, int activeVus, int targetVus,
    long elapsedMs, long plannedDurationMs, long requests, long errors, long samplesPublished, long samplesDropped,
    long samplesFailed, @Nullable String reason, List<ScenarioStatus> scenarios, long remainingMs,
    double requestsPerSecond, double p95Ms, double errorRate, long droppedIterations, List<ThresholdStatus> thresholds,
    boolean thresholdsPassed, String generatorId, @Nullable Integer shardIndex, @Nullable Integer shardCount,
    Cumulative overall, List<Cumulative> endpoints, long skippedSteps, List<SkippedStep> skipped,
    long serverTimingsSkipped) {

  /**
   * How often one step was skipped for a missing variable.
   *
   * @param scenario scenario name
   * @param step the step's field in the definition, {@code steps[2]} or {@code onStart[0]}
   * @param endpoint the step's endpoint label
   * @param count times skipped
   */
  public record SkippedStep(String scenario, String step, String endpoint, long count) {
  }

  /**
   * Cumulative figures since the load started, over all samples or over one endpoint's, as of the last statistics
   * tick (once a second while running; final once the run ended). Latencies are the samples' {@code latencyUs}:
   * coordinated-omission corrected for open models (measured from the intended start), the service time for closed
   * ones. They are in milliseconds with microsecond resolution, read from HdrHistograms with 2 significant digits, so
   * a percentile or the maximum lies within 1 % above the exact value (the mean within 1 % either way).
   *
   * @param endpoint endpoint label; null for the overall figures
   * @param requests requests completed
   * @param errors requests that failed, counted as {@link RunStatus#errors()}
   * @param meanMs mean latency (ms); 0 without requests
   * @param p50Ms median latency (ms)
   * @param p90Ms 90th percentile latency (ms)
   * @param p95Ms 95th percentile latency (ms)
   * @param p99Ms 99th percentile latency (ms)
   * @param maxMs highest latency (ms)
   */
  public record Cumulative(@Nullable String endpoint, long requests, long errors, double meanMs, double p50Ms,
      double p90Ms, double p95Ms, double p99Ms, double maxMs) {

    static Cumulative of(@Nullable String endpoint, ThresholdEvaluator.Measurement m) {
      if (m.requests() == 0) {
        return new Cumulative(endpoint, 0, m.errors(), 0, 0, 0, 0, 0, 0);
      }
      return new Cumulative(endpoint, m.requests(), m.errors(), ms(m.meanUs()), ms(m.percentileUs().applyAsDouble(50)),
          ms(m.percentileUs().applyAsDouble(90)), ms(m.percentileUs().applyAsDouble(95)),
          ms(m.percentileUs().applyAsDouble(99)), ms(m.maxUs()));
    }

    /** µs to ms, rounded to the microsecond. */
    private static double ms(double micros) {
      return Math.round(micros) / 1_000.0;
    }
  }

  /**
   * One scenario's progress.
   *
   * @param name scenario name
   * @param executor ramping-vus, constant-arrival-rate or ramping-arrival-rate
   * @param stageIndex current (or last) stage, 0-based
   * @param stages number of stages
   * @param active virtual users (closed) or iterations in flight (open) now
   * @param targetVus closed: target virtual users now; open: 0
   * @param targetRatePerSecond open: intended arrivals per second now; closed: null
   * @param iterations iterations started
   * @param droppedIterations open: due iterations dropped at the concurrency cap
   */
  public record ScenarioStatus(String name, String executor, int stageIndex, int stages, int active, int targetVus,
      @Nullable Double targetRatePerSecond, long iterations, long droppedIterations) {
  }

  /**
   * One threshold's verdict.
   *
   * @param threshold expression as written
   * @param endpoint endpoint it is restricted to; null for all
   * @param abortOnFail whether failing aborts the run
   * @param pending no samples yet
   * @param passed whether it holds (true while pending)
   * @param value measured value in {@code unit}
   * @param unit {@code ms} for latencies, {@code ratio} (0-1) for the error rate
   */
  public record ThresholdStatus(String threshold, @Nullable String endpoint, boolean abortOnFail, boolean pending,
      boolean passed, double value, String unit) {

    static ThresholdStatus of(ThresholdEvaluator.Result result) {
      Threshold t = result.threshold();
      boolean latency = t.metric() != Threshold.Metric.ERROR_RATE;
      double value = latency ? Math.round(result.value() / 100.0) / 10.0 : result.value();
      return new ThresholdStatus(t.expression(), t.endpoint(), t.abortOnFail(), result.pending(), result.passed(),
          value, latency ? "ms" : "ratio");
    }

    /** The abort reason for this (failed) threshold. */
    String describeFailure() {
      return "threshold '" + threshold + "'" + (endpoint == null ? "" : " on " + endpoint) + " failed: "
          + (unit.equals("ms") ? value + " ms" : Math.round(value * 10_000) / 100.0 + " %");
    }
  }
}
