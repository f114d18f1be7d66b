package io.perfplane.loadgen.plan;

import java.util.List;

/**
 * Open-model load shape (k6 {@code constant-arrival-rate} / {@code ramping-arrival-rate}, Gatling
 * {@code constantUsersPerSec} / {@code rampUsersPerSec}): iterations <em>arrive</em> on a schedule that does not
 * depend on how fast the target answers. Within a stage the rate moves linearly from the previous stage's target
 * (the start rate before the first stage) to the stage's target; arrival {@code n} (0-based) is intended at the
 * instant the integral of the rate reaches {@code n}, so the first arrives at 0 and a constant rate {@code r} puts
 * arrival {@code n} at exactly {@code n / r} seconds. The rate's shape is a {@link Ramp}, as a closed model's users
 * are. Immutable and thread-safe; equal when the start rate and the stages are.
 */
public final class ArrivalSchedule extends RampShape {

  private final double startRatePerSecond;
  private final List<Stage> stages;
  /** Arrivals (fractional) intended before the start of stage i; index stages.size() holds the total. */
  private final double[] cumulative;
  private final long totalArrivals;

  /**
   * One stage.
   *
   * @param durationMs stage duration (ms), &gt; 0
   * @param targetRatePerSecond arrival rate (iterations per second) reached at the end of the stage, &ge; 0
   */
  public record Stage(long durationMs, double targetRatePerSecond) {

    public Stage {
      if (durationMs <= 0) {
        throw new IllegalArgumentException("durationMs must be > 0: " + durationMs);
      }
      if (!(targetRatePerSecond >= 0) || Double.isInfinite(targetRatePerSecond)) {
        throw new IllegalArgumentException("targetRatePerSecond must be finite and >= 0: " + targetRatePerSecond);
      }
    }
  }

  /** A constant rate for {@code durationMs}. */
  public static ArrivalSchedule constant(double ratePerSecond, long durationMs) {
    return new ArrivalSchedule(ratePerSecond, List.of(new Stage(durationMs, ratePerSecond)));
  }

  public ArrivalSchedule(double startRatePerSecond, List<Stage> stages) {
    super(new Ramp(checkedStartRate(startRatePerSecond), stages, Stage::durationMs, Stage::targetRatePerSecond));
    this.startRatePerSecond = startRatePerSecond;
    this.stages = List.copyOf(stages);
    this.cumulative = new double[stages.size() + 1];
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      // Area of the trapezoid under the linear rate.
      cumulative[i + 1] = cumulative[i] + (ramp.stageFrom(i) + stage.targetRatePerSecond()) / 2 * stage.durationMs()
          / 1_000.0;
    }
    // Arrival n exists when its intended offset is < the total duration, i.e. n < total area.
    this.totalArrivals = (long) Math.ceil(cumulative[stages.size()] - 1e-9);
  }

  private static double checkedStartRate(double startRatePerSecond) {
    if (!(startRatePerSecond >= 0) || Double.isInfinite(startRatePerSecond)) {
      throw new IllegalArgumentException("startRatePerSecond must be finite and >= 0: " + startRatePerSecond);
    }
    return startRatePerSecond;
  }

  public List<Stage> stages() {
    return stages;
  }

  public double startRatePerSecond() {
    return startRatePerSecond;
  }

  /** How many iterations the whole schedule intends to start. */
  public long totalArrivals() {
    return totalArrivals;
  }

  /**
   * Intended start of arrival {@code n} (0-based) as an offset from the start of the scenario (ns), or -1 when the
   * schedule intends fewer than {@code n + 1} arrivals.
   */
  public long arrivalOffsetNanos(long n) {
    if (n < 0 || n >= totalArrivals) {
      return -1;
    }
    for (int i = 0; i < stages.size(); i++) {
      if (n < cumulative[i + 1] || i == stages.size() - 1) {
        double remaining = n - cumulative[i];
        double seconds = secondsIntoStage(i, Math.max(0, remaining));
        long offset = ramp.stageStartMs(i) * 1_000_000L + Math.round(seconds * 1e9);
        return Math.min(offset, ramp.totalDurationMs() * 1_000_000L - 1);
      }
    }
    return -1;
  }

  /** Solves {@code r0·τ + (r1 − r0)·τ²/(2d) = m} for τ (s) within stage {@code i}. */
  private double secondsIntoStage(int i, double m) {
    double r0 = ramp.stageFrom(i);
    double r1 = ramp.stageTarget(i);
    double d = ramp.stageDurationMs(i) / 1_000.0;
    if (m == 0) {
      return 0;
    }
    double a = (r1 - r0) / (2 * d);
    double discriminant = r0 * r0 + 4 * a * m;
    // Written as 2m / (b + √disc) rather than (−b + √disc) / 2a: stable when a → 0 (constant rate).
    return 2 * m / (r0 + Math.sqrt(Math.max(0, discriminant)));
  }

  /** Highest rate the schedule reaches (iterations per second). */
  public double peakRatePerSecond() {
    return ramp.peak();
  }

  @Override
  public String toString() {
    return "ArrivalSchedule[start " + startRatePerSecond + "/s, " + stages + "]";
  }
}
