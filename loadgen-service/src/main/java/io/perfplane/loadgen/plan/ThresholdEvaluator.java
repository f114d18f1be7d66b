package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Evaluates {@link Threshold}s against what a run measured so far (k6 semantics: over every sample since the start,
 * globally or per endpoint). A threshold with no samples yet is pending: neither passed nor failed.
 */
public final class ThresholdEvaluator {

  private ThresholdEvaluator() {
  }

  /**
   * What was measured over one set of samples.
   *
   * @param requests samples
   * @param errors samples with an error
   * @param meanUs mean latency (µs)
   * @param maxUs highest latency (µs)
   * @param percentileUs latency (µs) at a percentile in (0, 100]
   */
  public record Measurement(long requests, long errors, double meanUs, double maxUs,
      DoubleUnaryOperator percentileUs) {

    public static final Measurement NONE = new Measurement(0, 0, 0, 0, p -> 0);
  }

  /**
   * One threshold's verdict.
   *
   * @param threshold the threshold
   * @param value measured value: µs for latencies, a fraction for the error rate; 0 while pending
   * @param pending no samples yet
   * @param passed the value satisfies the threshold (true while pending)
   */
  public record Result(Threshold threshold, double value, boolean pending, boolean passed) {
  }

  /**
   * @param measurements the measurement of an endpoint label, or of all samples for {@code null}
   */
  public static List<Result> evaluate(List<Threshold> thresholds,
      Function<@Nullable String, Measurement> measurements) {
    List<Result> results = new ArrayList<>(thresholds.size());
    for (Threshold threshold : thresholds) {
      results.add(evaluate(threshold, measurements.apply(threshold.endpoint())));
    }
    return results;
  }

  public static Result evaluate(Threshold threshold, Measurement m) {
    if (m.requests() == 0) {
      return new Result(threshold, 0, true, true);
    }
    double value = switch (threshold.metric()) {
      case PERCENTILE -> m.percentileUs().applyAsDouble(threshold.percentile());
      case AVG -> m.meanUs();
      case MAX -> m.maxUs();
      case ERROR_RATE -> (double) m.errors() / m.requests();
    };
    return new Result(threshold, value, false, threshold.passes(value));
  }

  /** The first failed abortOnFail threshold once its abort delay has passed, if any. */
  public static Optional<Result> abortCause(List<Result> results, long elapsedMs) {
    return results.stream()
        .filter(r -> !r.pending() && !r.passed() && r.threshold().abortOnFail()
            && elapsedMs >= r.threshold().delayAbortEvalMs())
        .findFirst();
  }
}
