package io.perfplane.loadgen.plan;

import io.perfplane.contracts.net.TargetAllowList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.perfplane.loadgen.definition.DefinitionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanShardsTest {

  private final DefinitionReader reader = new DefinitionReader(new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*")), 20_000, Duration.ofHours(2), 10_000), () -> "generated"));

  private static final String MIXED = """
      name: mixed
      targetService: api
      targetBaseUrl: http://127.0.0.1:8081
      thresholds: [{threshold: p(95) < 500ms}]
      scenarios:
        - name: closed
          workload:
            executor: ramping-vus
            stages: [{duration: 10s, target: 10}, {duration: 20s, target: 7}, {duration: 5s, target: 0}]
          steps: [{name: GET /a, path: /a}]
        - name: open
          workload:
            executor: ramping-arrival-rate
            startRate: 5
            stages: [{duration: 10s, target: 100}, {duration: 30s, target: 100}]
            maxConcurrency: 50
          steps: [{name: GET /b, path: /b}]
        - name: steady
          workload: {executor: constant-arrival-rate, rate: 10, timeUnit: 1s, duration: 30s, maxConcurrency: 2}
          steps: [{name: GET /c, path: /c}]
      """;

  @Test
  void wholeNumbersSplitByLargestRemainder() {
    assertThat(IntStream.range(0, 3).map(i -> PlanShards.share(10, new Shard(i, 3))).toArray())
        .containsExactly(4, 3, 3);
    assertThat(IntStream.range(0, 4).map(i -> PlanShards.share(2, new Shard(i, 4))).toArray())
        .containsExactly(1, 1, 0, 0);
    assertThat(PlanShards.share(0, new Shard(1, 2))).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 6})
  void sharesAlwaysSumToTheTotal(int count) {
    for (int total = 0; total <= 200; total++) {
      int t = total;
      int sum = IntStream.range(0, count).map(i -> PlanShards.share(t, new Shard(i, count))).sum();
      int max = IntStream.range(0, count).map(i -> PlanShards.share(t, new Shard(i, count))).max().orElseThrow();
      int min = IntStream.range(0, count).map(i -> PlanShards.share(t, new Shard(i, count))).min().orElseThrow();
      assertThat(sum).as("total %d over %d", total, count).isEqualTo(total);
      assertThat(max - min).as("shares of %d over %d differ by at most one", total, count).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void everyStageOfAClosedScenarioSumsToTheWholeAcrossShards() {
    ValidPlan plan = reader.read(MIXED, DefinitionReader.Format.YAML);
    List<ValidPlan> shards = IntStream.range(0, 3).mapToObj(i -> PlanShards.split(plan, new Shard(i, 3))).toList();

    List<List<Integer>> targets = shards.stream()
        .map(s -> ((Workload.RampingVus) s.scenarios().getFirst().workload()).schedule().stages().stream()
            .map(StageSchedule.Stage::targetVus).toList())
        .toList();
    assertThat(targets).containsExactly(List.of(4, 3, 0), List.of(3, 2, 0), List.of(3, 2, 0));
    for (ValidPlan shard : shards) {
      StageSchedule schedule = ((Workload.RampingVus) shard.scenarios().getFirst().workload()).schedule();
      // Same timeline in every shard: durations untouched.
      assertThat(schedule.stages()).extracting(StageSchedule.Stage::durationMs).containsExactly(10_000L, 20_000L,
          5_000L);
    }
    // Away from ramp truncation (stage ends), the shards' targets add up to the whole plan's.
    StageSchedule whole = ((Workload.RampingVus) plan.scenarios().getFirst().workload()).schedule();
    for (long at : new long[] {10_000, 30_000, 35_000}) {
      assertThat(shards.stream().mapToInt(s -> ((Workload.RampingVus) s.scenarios().getFirst().workload()).schedule()
          .targetVusAt(at)).sum()).as("at %d ms", at).isEqualTo(whole.targetVusAt(at));
    }
  }

  @Test
  void arrivalRatesAreDividedExactlyAndCapsSplitWithAtLeastOneSlot() {
    ValidPlan plan = reader.read(MIXED, DefinitionReader.Format.YAML);
    List<ValidPlan> shards = IntStream.range(0, 3).mapToObj(i -> PlanShards.split(plan, new Shard(i, 3))).toList();

    ArrivalSchedule whole = ((Workload.ArrivalRate) plan.scenarios().get(1).workload()).schedule();
    for (long at : new long[] {0, 2_500, 10_000, 25_000}) {
      double sum = shards.stream().mapToDouble(s -> ((Workload.ArrivalRate) s.scenarios().get(1).workload())
          .schedule().levelAt(at)).sum();
      assertThat(sum).as("rate at %d ms", at).isCloseTo(whole.levelAt(at), within(1e-9));
    }
    long arrivals = shards.stream()
        .mapToLong(s -> ((Workload.ArrivalRate) s.scenarios().get(1).workload()).schedule().totalArrivals()).sum();
    // Each shard rounds its own arrival count up: at most one extra iteration per shard.
    assertThat(arrivals).isBetween(whole.totalArrivals(), whole.totalArrivals() + 2);
    assertThat(shards).extracting(s -> ((Workload.ArrivalRate) s.scenarios().get(1).workload()).maxConcurrency())
        .containsExactly(17, 17, 16);
    assertThat(shards).extracting(s -> ((Workload.ArrivalRate) s.scenarios().get(2).workload()).maxConcurrency())
        .containsExactly(1, 1, 1);
    assertThat(shards).extracting(s -> s.scenarios().get(2).workload().executor())
        .containsOnly("constant-arrival-rate");
  }

  @Test
  void everythingButTheLoadIsTheSameInEveryShard() {
    ValidPlan plan = reader.read(MIXED, DefinitionReader.Format.YAML);
    ValidPlan shard = PlanShards.split(plan, new Shard(1, 2));

    assertThat(shard.runId()).isEqualTo(plan.runId());
    assertThat(shard.plannedDurationMs()).isEqualTo(plan.plannedDurationMs());
    assertThat(shard.thresholds()).isEqualTo(plan.thresholds());
    assertThat(shard.scenarios()).extracting(ValidPlan.Scenario::steps)
        .isEqualTo(plan.scenarios().stream().map(ValidPlan.Scenario::steps).toList());
    assertThat(PlanShards.split(plan, new Shard(0, 1))).isSameAs(plan);
    assertThat(plan.withRunId("other").runId()).isEqualTo("other");
  }

  @Test
  void shardsAreValidatedAndNamedAfterTheirInstance() {
    assertThat(new Shard(2, 3).generatorId("host-1")).isEqualTo("host-1/shard-2");
    assertThatThrownBy(() -> new Shard(3, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Shard(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Shard(-1, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
