package io.perfplane.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DashboardQueriesTest {

  @Test
  void everyKindIsPresentInDeclarationOrderWithZeroForMissingKinds() {
    Map<String, Long> byKind = DashboardQueries.everyKind(Map.of("review", 3L, "push", 7L));

    assertThat(byKind).containsExactly(
        Map.entry("push", 7L), Map.entry("pull_request", 0L), Map.entry("review", 3L),
        Map.entry("issue", 0L), Map.entry("comment", 0L));
  }
}
