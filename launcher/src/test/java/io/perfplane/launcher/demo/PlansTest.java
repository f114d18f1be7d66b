package io.perfplane.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlansTest {

  @Test
  void stagesCoverTheWholeDurationAndPeakOnce() {
    List<Map<String, Object>> stages = Plans.stages(20, 30_001);

    assertThat(stages.stream().mapToLong(s -> (Long) s.get("durationMs")).sum()).isEqualTo(30_001);
    assertThat(stages).extracting(s -> s.get("targetVus")).containsExactly(10, 10, 20, 20, 0);
  }

  @Test
  void missingDashboardIsOnlyRequestedWhenAsked() {
    assertThat(requestNames(Plans.demo("r", "http://127.0.0.1:1", 4, Duration.ofSeconds(10), false)))
        .doesNotContain(Plans.MISSING);
    assertThat(requestNames(Plans.demo("r", "http://127.0.0.1:1", 4, Duration.ofSeconds(10), true)))
        .contains(Plans.MISSING);
  }

  @Test
  void refusesPlansTooSmallToMeasure() {
    assertThatThrownBy(() -> Plans.demo("r", "http://x", 1, Duration.ofSeconds(10), false)).hasMessageContaining("--vus");
    assertThatThrownBy(() -> Plans.demo("r", "http://x", 5, Duration.ofSeconds(2), false))
        .hasMessageContaining("--duration");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> requestNames(Map<String, Object> plan) {
    return ((List<Map<String, Object>>) plan.get("requests")).stream().map(r -> r.get("name")).toList();
  }
}
