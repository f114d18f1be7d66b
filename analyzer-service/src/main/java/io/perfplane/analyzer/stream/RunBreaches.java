package io.perfplane.analyzer.stream;

import java.util.Locale;
import java.util.Map;

import io.perfplane.analyzer.slo.BreachTracker;
import io.perfplane.analyzer.slo.Verdict;
import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.analyzer.slo.SloEvaluator;
import io.perfplane.contracts.slo.Slo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The breach episodes of a task's runs, between {@link BreachTracker} (the lifecycle) and the stores and topics: the
 * open breach per key (its OPENED record), the pending or holding instant per key, the log of published episodes.
 */
final class RunBreaches {

  private static final Logger log = LoggerFactory.getLogger(RunBreaches.class);

  /** Where breaches and abort requests go. */
  interface Output {
    void breach(String key, SloBreach breach);

    void abort(String runId, AbortRequest request);
  }

  private final KeyValueStore<String, SloBreach> open;
  private final KeyValueStore<String, SloBreach> episodeLog;
  /** Per breach key: closed, since when it has been failing; open, since when it has been holding. */
  private final KeyValueStore<String, Long> streaks;
  private final Output output;
  private final AnalyzerMetrics metrics;

  RunBreaches(KeyValueStore<String, SloBreach> open, KeyValueStore<String, SloBreach> episodeLog,
      KeyValueStore<String, Long> streaks, Output output, AnalyzerMetrics metrics) {
    this.open = open;
    this.episodeLog = episodeLog;
    this.streaks = streaks;
    this.output = output;
    this.metrics = metrics;
  }

  /** Applies a complete window's verdict (event time {@code atUs}, its end). */
  void apply(String runId, Slo slo, Verdict verdict, int windowSeconds, long atUs, long wallUs) {
    String key = Topics.breachKey(runId, slo.id(), slo.endpoint());
    BreachTracker.State before = state(key);
    record(key, runId, slo, verdict, windowSeconds, before, BreachTracker.step(before, slo, verdict, atUs), atUs,
        wallUs);
  }

  /** Applies the verdict of a window whose newest second is still filling: it can only fire a due breach. */
  void applyEarly(String runId, Slo slo, Verdict verdict, int windowSeconds, long atUs, long wallUs) {
    String key = Topics.breachKey(runId, slo.id(), slo.endpoint());
    BreachTracker.State before = state(key);
    record(key, runId, slo, verdict, windowSeconds, before, BreachTracker.stepEarly(before, slo, verdict, atUs),
        atUs, wallUs);
  }

  /** The run ended violating {@code slo} over its whole length: a breach opens at once, without pending. */
  void openAtEnd(String runId, Slo slo, Verdict verdict, int windowSeconds, long atUs, long wallUs) {
    String key = Topics.breachKey(runId, slo.id(), slo.endpoint());
    BreachTracker.State before = state(key);
    if (!before.open()) {
      long since = before.failingSinceUs() == BreachTracker.NONE ? atUs : before.failingSinceUs();
      record(key, runId, slo, verdict, windowSeconds, before, new BreachTracker.Step(
          BreachTracker.State.open(since, atUs, BreachTracker.NONE), BreachTracker.Change.OPEN,
          BreachTracker.NONE), atUs, wallUs);
    }
  }

  boolean isOpen(String runId, Slo slo) {
    return open.get(Topics.breachKey(runId, slo.id(), slo.endpoint())) != null;
  }

  /** Whether any breach episode of {@code slo} was published for the run. */
  boolean hadBreach(String runId, Slo slo) {
    String prefix = StoreKeys.breachLog(runId, Topics.breachKey(runId, slo.id(), slo.endpoint()) + "@");
    try (KeyValueIterator<String, SloBreach> it = episodeLog.prefixScan(prefix, new StringSerializer())) {
      return it.hasNext();
    }
  }

  private BreachTracker.State state(String key) {
    SloBreach opened = open.get(key);
    Long streak = streaks.get(key);
    long since = streak == null ? BreachTracker.NONE : streak;
    return opened == null ? BreachTracker.State.pending(since)
        : BreachTracker.State.open(opened.getOpenedAtUs(), opened.getAtUs(), since);
  }

  private void record(String key, String runId, Slo slo, Verdict verdict, int windowSeconds,
      BreachTracker.State before, BreachTracker.Step step, long atUs, long wallUs) {
    BreachTracker.State after = step.state();
    long streak = after.open() ? after.holdingSinceUs() : after.failingSinceUs();
    long previous = before.open() ? before.holdingSinceUs() : before.failingSinceUs();
    if (streak != previous || step.change() != BreachTracker.Change.NONE) {
      if (streak == BreachTracker.NONE) {
        streaks.delete(key);
      } else {
        streaks.put(key, streak);
      }
    }
    switch (step.change()) {
      case OPEN -> {
        // A burn-rate breach names the rule that fired (e.g. 14.4x/60s/5s): SloBreach has no free-form attributes.
        String rule = verdict.burn() == null ? "" : "#" + verdict.burn().ruleId();
        SloBreach opened = SloBreach.newBuilder()
            .setBreachId(key + "@" + after.failingSinceUs() + rule)
            .setState(BreachState.OPENED)
            .setSloId(slo.id())
            .setRunId(runId)
            .setEndpoint(slo.endpoint())
            .setIndicator(slo.indicator().id())
            .setMetric(slo.metricId())
            .setWindowSeconds(windowSeconds)
            .setObserved(verdict.observed())
            .setObjective(slo.objective())
            .setUnit(SloEvaluator.unit(slo))
            .setBurnRate(burnRate(slo, verdict))
            .setOpenedAtUs(after.failingSinceUs())
            .setAtUs(after.firedAtUs())
            .setResolvedAtUs(null)
            .build();
        open.put(key, opened);
        publish(key, opened);
        metrics.breachOpened(runId, slo.id(), slo.endpoint(), slo.indicator().id());
        if (slo.abortOnFail()) {
          requestAbort(runId, opened, wallUs);
        }
      }
      case RESOLVE -> {
        SloBreach opened = open.get(key);
        SloBreach resolved = SloBreach.newBuilder(opened)
            .setState(BreachState.RESOLVED)
            .setWindowSeconds(windowSeconds)
            .setObserved(verdict.observed())
            .setBurnRate(burnRate(slo, verdict))
            .setAtUs(atUs)
            .setResolvedAtUs(step.resolvedAtUs())
            .build();
        open.delete(key);
        publish(key, resolved);
        metrics.breachResolved(runId, slo.id(), slo.endpoint());
      }
      case NONE -> {
        // Pending, still open, still holding, or not enough data: nothing to publish.
      }
    }
  }

  private void publish(String key, SloBreach breach) {
    episodeLog.put(StoreKeys.breachLog(breach.getRunId(), breach.getBreachId()), breach);
    output.breach(key, breach);
  }

  /**
   * Asks every generator of the run to stop: once per breach episode (breaches are deduplicated per SLO/endpoint);
   * loadgen treats a repeated request for an aborted run as a no-op.
   */
  private void requestAbort(String runId, SloBreach breach, long wallUs) {
    AbortRequest abort = AbortRequest.newBuilder()
        .setRunId(runId)
        .setRequestedBy(RunAnalysisProcessor.ABORT_REQUESTER)
        .setReason(String.format(Locale.ROOT, "SLO %s failed on %s: %s %s > %s", breach.getSloId(),
            breach.getEndpoint(), breach.getObserved(), breach.getUnit(), breach.getObjective()))
        .setRequestedAtUs(wallUs)
        .setAttributes(Map.of("sloId", breach.getSloId(), "endpoint", breach.getEndpoint(),
            "breachId", breach.getBreachId(), "observed", Double.toString(breach.getObserved()),
            "objective", Double.toString(breach.getObjective()), "unit", breach.getUnit(),
            "windowSeconds", Integer.toString(breach.getWindowSeconds())))
        .build();
    log.warn("run {}: SLO {} on {} failed ({} {} > {}), requesting abort", runId, breach.getSloId(),
        breach.getEndpoint(), breach.getObserved(), breach.getUnit(), breach.getObjective());
    output.abort(runId, abort);
  }

  /**
   * Error-budget burn rate: how many times faster than allowed errors occur (over the long window of the rule, for
   * burn-rate SLOs). Undefined for latency SLOs.
   */
  private static @Nullable Double burnRate(Slo slo, Verdict verdict) {
    if (verdict.burn() != null) {
      return verdict.burn().longBurn();
    }
    return slo.indicator() == Indicator.ERROR_RATE && slo.objective() > 0
        ? verdict.observed() / slo.objective() : null;
  }
}
