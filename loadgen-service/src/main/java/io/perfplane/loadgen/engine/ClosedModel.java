package io.perfplane.loadgen.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.perfplane.loadgen.plan.StageSchedule;
import io.perfplane.loadgen.plan.Workload;

/**
 * Closed model ({@code ramping-vus}): a number of virtual users, each running iterations back to back; every
 * {@link #adjust} moves the number of users to the {@link StageSchedule} target. A user retired by a ramp-down
 * finishes its current request first, like k6's graceful ramp-down. Adjusted from the run's controller thread only.
 */
final class ClosedModel implements WorkloadModel {

  private final String scenario;
  private final StageSchedule schedule;
  private final WorkloadModel.Iteration iteration;
  private final ModelContext context;
  private final List<VirtualUser> active = new ArrayList<>();
  private final List<VirtualUser> all = new ArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong started = new AtomicLong();
  private volatile int targetVus;

  ClosedModel(String scenario, Workload.RampingVus workload, WorkloadModel.Iteration iteration, ModelContext context) {
    this.scenario = scenario;
    this.schedule = workload.schedule();
    this.iteration = iteration;
    this.context = context;
  }

  @Override
  public void begin(long startNanos) {
    // Users start on the first adjust, which follows at once.
  }

  @Override
  public void adjust(long elapsedMs) {
    if (elapsedMs >= schedule.totalDurationMs()) {
      targetVus = 0;
      while (!active.isEmpty()) {
        active.removeLast().retire();
      }
      return;
    }
    int target = schedule.targetVusAt(elapsedMs);
    targetVus = target;
    while (active.size() < target) {
      VirtualUser vu = new VirtualUser(context.nextVuId(), iteration, context, running, started);
      active.add(vu);
      all.add(vu);
      vu.start();
    }
    while (active.size() > target) {
      active.removeLast().retire();
    }
    all.removeIf(vu -> !vu.isAlive() && vu.retired());
  }

  @Override
  public void stop() {
    targetVus = 0;
    all.forEach(VirtualUser::retire);
  }

  @Override
  public void awaitQuiet(long deadlineNanos) throws InterruptedException {
    for (VirtualUser vu : all) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0 || !vu.join(Duration.ofNanos(left))) {
        vu.interrupt();
      }
    }
    for (VirtualUser vu : all) {
      vu.join(Duration.ofSeconds(1));
    }
  }

  @Override
  public void interruptAll() {
    all.forEach(VirtualUser::interrupt);
  }

  @Override
  public long started() {
    return started.get();
  }

  @Override
  public long dropped() {
    return 0; // a closed user waits for its previous iteration: nothing is ever due without a user to run it
  }

  @Override
  public int targetVus() {
    return targetVus;
  }

  @Override
  public double targetRate() {
    return 0;
  }

  @Override
  public RunStatus.ScenarioStatus status(int stageIndex) {
    return new RunStatus.ScenarioStatus(scenario, "ramping-vus", stageIndex, schedule.stageCount(), running.get(),
        targetVus, null, started.get(), 0);
  }
}
