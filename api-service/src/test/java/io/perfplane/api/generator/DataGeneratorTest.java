package io.perfplane.api.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.api.ApiIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The generator against the real database: idempotent, resumable after a crash, cleanup limited to its data. */
class DataGeneratorTest extends ApiIntegrationTest {

  private static final int BATCH = 150;
  private static final Scale SMALL = new Scale("test-small", 30, 5, 500);

  @Autowired
  private DataGenerator generator;

  @AfterEach
  void cleanup() {
    generator.cleanup();
  }

  @Test
  void generatesTheScaleAndRunningTwiceCreatesNoDuplicates() {
    DataGenerator.Result first = generator.generate(SMALL, BATCH, (done, total, inserted) -> { });
    Map<String, Long> afterFirst = counts();
    DataGenerator.Result second = generator.generate(SMALL, BATCH, (done, total, inserted) -> { });

    assertThat(afterFirst).containsExactly(Map.entry("github_users", 30L), Map.entry("dashboards", 5L),
        Map.entry("dashboard_users", 50L), Map.entry("activities", 500L));
    assertThat(first.activitiesInserted()).isEqualTo(500);
    assertThat(counts()).isEqualTo(afterFirst);
    assertThat(second.usersInserted() + second.dashboardsInserted() + second.membersInserted()).isZero();
    // Kinds are spread, every activity belongs to a generated user, and the overview has a recent week.
    assertThat(jdbc.sql("select count(distinct kind) from activities a join tenants t on t.id = a.tenant_id "
        + "where t.name = 'Generated test-small'").query(Long.class).single()).isEqualTo(5);
    get(SMALL.apiKey(), "/api/dashboards/gen-dash-00001/overview").expectStatus().isOk()
        .expectBody().jsonPath("$.users").isEqualTo(10).jsonPath("$.latest.length()").isEqualTo(20);
  }

  @Test
  void anInterruptedRunResumesFromItsLastCommittedBatch() {
    List<Long> progress = new ArrayList<>();
    assertThatThrownBy(() -> generator.generate(SMALL, BATCH, (done, total, inserted) -> {
      progress.add(done);
      if (done >= 300) {
        throw new IllegalStateException("killed");
      }
    })).hasMessage("killed");
    assertThat(counts().get("activities")).isEqualTo(300);

    progress.clear();
    DataGenerator.Result resumed = generator.generate(SMALL, BATCH, (done, total, inserted) -> progress.add(done));

    assertThat(resumed.resumedFrom()).isEqualTo(300);
    assertThat(progress).containsExactly(450L, 500L);
    assertThat(resumed.activitiesInserted()).isEqualTo(200);
    assertThat(counts().get("activities")).isEqualTo(500);
  }

  @Test
  void cleanupRemovesOnlyGeneratedData() {
    Map<String, Long> before = countsAll();
    generator.generate(SMALL, BATCH, (done, total, inserted) -> { });

    assertThat(generator.cleanup()).isEqualTo(1);

    assertThat(countsAll()).isEqualTo(before);
    assertThat(jdbc.sql("select count(*) from generator_runs").query(Long.class).single()).isZero();
  }

  /** Rows of the generated tenant. */
  private Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("github_users", "dashboards", "dashboard_users", "activities")) {
      counts.put(table, jdbc.sql("select count(*) from " + table + " x join tenants t on t.id = x.tenant_id "
          + "where t.name = 'Generated test-small'").query(Long.class).single());
    }
    return counts;
  }

  private Map<String, Long> countsAll() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("tenants", "github_users", "dashboards", "dashboard_users", "activities")) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return counts;
  }
}
