package io.perfplane.loadgen.plan;

import java.util.List;

/**
 * Splits a validated plan into the share one shard of a distributed run executes. Shares add up exactly to the
 * whole: whole numbers (virtual users, concurrency caps) by largest remainder, the first {@code total % count}
 * shards taking one more (10 VUs over 3 shards = 4/3/3, at every stage); arrival rates divided exactly. Everything
 * else (steps, think times, feeders, thresholds, durations) is the same in every shard, so all shards follow the
 * same timeline.
 */
public final class PlanShards {

  private PlanShards() {
  }

  /** Shard {@code shard.index()}'s part of {@code total}: the parts of all shards sum to {@code total}. */
  public static int share(int total, Shard shard) {
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0: " + total);
    }
    return total / shard.count() + (shard.index() < total % shard.count() ? 1 : 0);
  }

  /** The plan this shard executes; the plan itself when there is a single shard. */
  public static ValidPlan split(ValidPlan plan, Shard shard) {
    if (shard.count() == 1) {
      return plan;
    }
    List<ValidPlan.Scenario> scenarios = plan.scenarios().stream()
        .map(s -> new ValidPlan.Scenario(s.name(), s.weight(), split(s.workload(), shard), s.steps(), s.thinkTime(),
            s.feeder(), s.onStart(), s.cookies()))
        .toList();
    return new ValidPlan(plan.runId(), plan.name(), plan.targetService(), plan.targetBaseUrl(), scenarios,
        plan.thresholds(), plan.requestTimeout(), plan.slos(), plan.http(), plan.timings());
  }

  static Workload split(Workload workload, Shard shard) {
    return switch (workload) {
      case Workload.RampingVus closed -> new Workload.RampingVus(new StageSchedule(closed.schedule().stages().stream()
          .map(stage -> new StageSchedule.Stage(stage.durationMs(), share(stage.targetVus(), shard)))
          .toList()));
      case Workload.ArrivalRate open -> {
        ArrivalSchedule schedule = open.schedule();
        ArrivalSchedule part = new ArrivalSchedule(schedule.startRatePerSecond() / shard.count(),
            schedule.stages().stream()
                .map(stage -> new ArrivalSchedule.Stage(stage.durationMs(),
                    stage.targetRatePerSecond() / shard.count()))
                .toList());
        // At least one slot: a shard with a rate but no slot would drop every iteration. The caps then sum to
        // more than the total only when the total cap is below the shard count.
        yield new Workload.ArrivalRate(part, Math.max(1, share(open.maxConcurrency(), shard)), open.executor());
      }
    };
  }
}
