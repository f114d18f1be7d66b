package io.perfplane.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.perfplane.loadgen.plan.ArrivalSchedule;
import io.perfplane.loadgen.plan.Workload;
import org.junit.jupiter.api.Test;

/** The open model under the workload-model contract: 100 arrivals a second for 600 ms, at most 3 in flight. */
class OpenModelTest extends WorkloadModelContractTest {

  private static final double RATE = 100;
  private static final long DURATION_MS = 600;
  private static final int MAX_CONCURRENCY = 3;

  private static Workload.ArrivalRate workload() {
    return new Workload.ArrivalRate(ArrivalSchedule.constant(RATE, DURATION_MS), MAX_CONCURRENCY,
        "constant-arrival-rate");
  }

  @Override
  WorkloadModel model(WorkloadModel.Iteration iteration, ModelContext context) {
    return WorkloadModel.of("open", workload(), iteration, context);
  }

  @Override
  long durationMs() {
    return DURATION_MS;
  }

  @Override
  int bound() {
    return MAX_CONCURRENCY;
  }

  @Override
  long minimumIterations(long iterationMs) {
    // Arrivals do not wait for each other: short iterations rarely meet the cap, so most of the 60 start (a loaded
    // machine releases late arrivals in bursts, which may find every slot busy).
    return workload().schedule().totalArrivals() / 2;
  }

  @Test
  void everyArrivalIsStartedOrDroppedAndSlowIterationsAreDroppedNotDelayed() throws InterruptedException {
    Recorder recorder = new Recorder(100, 0); // 10 would be in flight at 100/s: 7 of every 10 find no slot
    WorkloadModel model = model(recorder, context);
    long start = System.nanoTime();
    model.begin(start);
    Thread.sleep(DURATION_MS + 200);
    model.stop();
    model.awaitQuiet(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));

    long arrivals = workload().schedule().totalArrivals();
    assertThat(arrivals).isEqualTo(60);
    assertThat(model.started() + model.dropped()).isEqualTo(arrivals);
    assertThat(model.started()).isEqualTo(recorder.calls.get());
    assertThat(model.dropped()).isGreaterThan(arrivals / 2);
    assertThat(model.status(0).droppedIterations()).isEqualTo(model.dropped());
    assertThat(model.status(0).executor()).isEqualTo("constant-arrival-rate");
  }

  @Test
  void iterationsAreIntendedOnTheScheduleNotWhenTheyStart() throws InterruptedException {
    java.util.List<Long> intended = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    // A cap no burst reaches: a late pacer releases several due arrivals at once, and none may be dropped here.
    WorkloadModel model = WorkloadModel.of("uncapped", new Workload.ArrivalRate(ArrivalSchedule.constant(RATE,
        DURATION_MS), 1_000, "constant-arrival-rate"), (vu, n, intendedStartNanos, pause) -> {
          intended.add(intendedStartNanos);
          return true;
        }, context);
    long start = System.nanoTime();
    model.begin(start);
    Thread.sleep(DURATION_MS + 200);
    model.stop();
    model.awaitQuiet(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));

    assertThat(intended).hasSize(60);
    // Arrival n of a constant 100/s is intended n * 10 ms after the start, however late its thread ran.
    assertThat(intended.stream().sorted().map(t -> Math.round((t - start) / 1e6)).toList())
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 60).map(n -> n * 10).boxed().toList());
  }
}
