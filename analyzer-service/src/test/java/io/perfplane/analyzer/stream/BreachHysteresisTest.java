package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breach episodes through the topology with the default lifecycle (fire after one window of failing, resolve after
 * 60 s of holding), for a run analyzed live (samples arriving while the wall clock runs the punctuator) and the same
 * run imported afterwards (every sample, then FINISHED, no punctuation): the same episodes, stamped in the samples'
 * time.
 */
class BreachHysteresisTest {

  private static final Slo ERRORS = new Slo("overall-errors", "*", Indicator.ERROR_RATE, 0.01, Duration.ofSeconds(10),
      20);

  @TempDir
  Path stateDir;

  /** Errors per second: 0.2 %, then 5 % for 60 s from second 60, then 0.2 %, at 200 req/s for 240 s. */
  private static boolean[][] degradation() {
    SplittableRandom random = new SplittableRandom(11);
    boolean[][] errors = new boolean[240][200];
    for (int s = 0; s < errors.length; s++) {
      double p = s >= 60 && s < 120 ? 0.05 : 0.002;
      for (int i = 0; i < errors[s].length; i++) {
        errors[s][i] = random.nextDouble() < p;
      }
    }
    return errors;
  }

  /** A steady ~1 % error rate against the 1 % objective, 494 req/s for 6 min 45 s. */
  private static boolean[][] borderline() {
    SplittableRandom random = new SplittableRandom(5);
    boolean[][] errors = new boolean[405][494];
    for (boolean[] second : errors) {
      for (int i = 0; i < second.length; i++) {
        second[i] = random.nextDouble() < 0.01;
      }
    }
    return errors;
  }

  private List<SloBreach> analyze(boolean[][] errors, boolean live) {
    String runId = "run";
    try (TestRuns runs = new TestRuns(TestRuns.settings(ERRORS), stateDir.resolve(live ? "live" : "imported"))) {
      int published = 0;
      for (int s = 0; s < errors.length; s++) {
        for (int i = 0; i < errors[s].length; i++) {
          long offset = s * 1_000_000L + i * (500_000L / errors[s].length);
          runs.samples.pipeInput(runId, TestRuns.sample(runId, "GET /a", offset, 20_000, errors[s][i]));
          published++;
        }
        if (live) {
          runs.tick(Duration.ofSeconds(1));
        }
      }
      runs.finished(runId, published);
      assertThat(runs.capacity.readValuesToList()).as("finalized").hasSize(1);
      return runs.breaches.readValuesToList();
    }
  }

  @Test
  void oneDegradationIsOneEpisodeLiveAndImportedAlike() {
    List<SloBreach> live = analyze(degradation(), true);
    List<SloBreach> imported = analyze(degradation(), false);
    assertThat(live).extracting(SloBreach::getState).containsExactly(BreachState.OPENED, BreachState.RESOLVED);
    assertThat(imported).extracting(SloBreach::getState).containsExactly(BreachState.OPENED, BreachState.RESOLVED);
    long startUs = TestRuns.T0_US + 60 * 1_000_000L;
    for (List<SloBreach> episode : List.of(live, imported)) {
      SloBreach opened = episode.get(0);
      SloBreach resolved = episode.get(1);
      assertThat(opened.getOpenedAtUs()).as("began failing within one window of the degradation")
          .isBetween(startUs, startUs + 10 * 1_000_000L);
      assertThat(opened.getAtUs() - opened.getOpenedAtUs()).as("fired after one window of failing")
          .isEqualTo(10 * 1_000_000L);
      assertThat(resolved.getResolvedAtUs()).as("held again in the samples' time, not the wall clock's")
          .isBetween(startUs + 60 * 1_000_000L, startUs + 71 * 1_000_000L);
      assertThat(resolved.getAtUs() - resolved.getResolvedAtUs()).isEqualTo(60 * 1_000_000L);
    }
    assertThat(imported).extracting(SloBreach::getOpenedAtUs, SloBreach::getAtUs, SloBreach::getResolvedAtUs)
        .as("an imported run gets the episodes it got live")
        .isEqualTo(live.stream().map(b -> org.assertj.core.groups.Tuple.tuple(b.getOpenedAtUs(), b.getAtUs(),
            b.getResolvedAtUs())).toList());
  }

  @Test
  void aBorderlineSeriesOpensAtMostThreeEpisodesLiveAndImported() {
    List<SloBreach> live = analyze(borderline(), true);
    List<SloBreach> imported = analyze(borderline(), false);
    assertThat(live.stream().filter(b -> b.getState() == BreachState.OPENED).count()).isBetween(0L, 3L);
    assertThat(imported).extracting(SloBreach::getBreachId).isEqualTo(live.stream().map(SloBreach::getBreachId)
        .toList());
    long endUs = TestRuns.T0_US + 406 * 1_000_000L;
    assertThat(imported).allSatisfy(b -> assertThat(b.getAtUs()).isBetween(TestRuns.T0_US, endUs));
  }
}
