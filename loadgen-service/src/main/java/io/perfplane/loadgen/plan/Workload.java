package io.perfplane.loadgen.plan;

/** How a scenario's iterations are started: closed (a number of looping users) or open (an arrival rate). */
public sealed interface Workload {

  LoadShape shape();

  /** k6 executor name. */
  String executor();

  /**
   * Closed model: each virtual user runs iterations back to back (k6 {@code ramping-vus}).
   *
   * @param schedule target virtual users over time
   */
  record RampingVus(StageSchedule schedule) implements Workload {

    @Override
    public LoadShape shape() {
      return schedule;
    }

    @Override
    public String executor() {
      return "ramping-vus";
    }
  }

  /**
   * Open model: iterations start on schedule whatever the target's latency; when {@code maxConcurrency} iterations
   * are already in flight a due iteration is dropped and counted, never delayed (k6 {@code constant-arrival-rate} /
   * {@code ramping-arrival-rate}).
   *
   * @param schedule intended arrivals
   * @param maxConcurrency most iterations in flight at once, &ge; 1
   * @param executor {@code constant-arrival-rate} or {@code ramping-arrival-rate}
   */
  record ArrivalRate(ArrivalSchedule schedule, int maxConcurrency, String executor) implements Workload {

    public ArrivalRate {
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("maxConcurrency must be >= 1: " + maxConcurrency);
      }
    }

    @Override
    public LoadShape shape() {
      return schedule;
    }
  }
}
