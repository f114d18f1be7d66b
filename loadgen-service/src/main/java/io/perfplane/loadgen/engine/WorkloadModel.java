package io.perfplane.loadgen.engine;

import io.perfplane.loadgen.plan.Workload;

/**
 * How one scenario's iterations are started over time. The run's controller drives every model alike:
 * {@link #begin} once when the load starts, {@link #adjust} every control interval, then {@link #stop} and
 * {@link #awaitQuiet}. What every model must honour (start and stop on time, respect its concurrency bound, count
 * every iteration, let stuck iterations be interrupted) is written once, in {@code WorkloadModelContractTest}.
 */
sealed interface WorkloadModel permits ClosedModel, OpenModel {

  /** One iteration of a scenario ({@link Iterations.Script#iterate} in a run). */
  @FunctionalInterface
  interface Iteration {

    /**
     * @param user the virtual user's session (closed: one per user for its life; open: one per iteration), which
     *     carries its number ({@code ${vu}}), variables and cookies
     * @param intendedStartNanos when the schedule intended the iteration to start, or {@link Iterations#UNSCHEDULED}
     * @return false when {@code pause} asked to stop
     */
    boolean run(VuSession user, long iteration, long intendedStartNanos, Iterations.Pause pause)
        throws InterruptedException;
  }

  /** The model {@code workload} names: closed for {@code ramping-vus}, open for the arrival-rate executors. */
  static WorkloadModel of(String scenario, Workload workload, Iteration iteration, ModelContext context) {
    return switch (workload) {
      case Workload.RampingVus closed -> new ClosedModel(scenario, closed, iteration, context);
      case Workload.ArrivalRate open -> new OpenModel(scenario, open, iteration, context);
    };
  }

  /** The load starts now ({@code startNanos} on the context's ticker): an open model starts pacing. */
  void begin(long startNanos);

  /** Moves the load to its target {@code elapsedMs} after the start; past the schedule's end the target is 0. */
  void adjust(long elapsedMs);

  /** Starts no more iterations; thinking ones end at their next pause, running ones finish their request. */
  void stop();

  /**
   * Waits for the iterations in progress after {@link #stop}; interrupts those still running at
   * {@code deadlineNanos} ({@link System#nanoTime()} scale).
   */
  void awaitQuiet(long deadlineNanos) throws InterruptedException;

  /** Interrupts every iteration in progress. */
  void interruptAll();

  /** Iterations started so far. */
  long started();

  /** Iterations that were due but not started because the concurrency bound was reached (open model only). */
  long dropped();

  /** Target virtual users now (closed model; 0 for an open one and once stopped). */
  int targetVus();

  /** Target arrival rate now, iterations per second (open model; 0 for a closed one and once stopped). */
  double targetRate();

  RunStatus.ScenarioStatus status(int stageIndex);
}
