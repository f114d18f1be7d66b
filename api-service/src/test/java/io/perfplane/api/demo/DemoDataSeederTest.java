package io.perfplane.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import io.perfplane.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Truncates the tables, so every test ends by seeding again: the other integration tests rely on demo data. */
class DemoDataSeederTest extends ApiIntegrationTest {

  private static final List<String> TABLES =
      List.of("tenants", "github_users", "dashboards", "dashboard_users", "activities");

  @Autowired
  DemoDataSeeder seeder;

  @Test
  void seedingTwiceInsertsNothingTheSecondTime() {
    truncate();

    int inserted = seeder.seed();
    Map<String, Long> afterFirst = rowCounts();
    int insertedAgain = seeder.seed();

    assertThat(afterFirst).isEqualTo(expectedRowCounts());
    assertThat(inserted).isEqualTo(afterFirst.values().stream().mapToLong(Long::longValue).sum());
    assertThat(insertedAgain).isZero();
    assertThat(rowCounts()).isEqualTo(afterFirst);
  }

  @Test
  void twoInstancesSeedingConcurrentlyProduceOneCopy() throws Exception {
    truncate();
    CyclicBarrier start = new CyclicBarrier(2);

    CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> seedAfter(start));
    CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> seedAfter(start));

    assertThat(first.get() + second.get()).isEqualTo(expectedRowCounts().values().stream()
        .mapToLong(Long::longValue).sum());
    assertThat(rowCounts()).isEqualTo(expectedRowCounts());
  }

  private int seedAfter(CyclicBarrier start) {
    try {
      start.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return seeder.seed();
  }

  private Map<String, Long> expectedRowCounts() {
    List<DemoDataset.Tenant> tenants = DemoDataset.generate(clock);
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("tenants", (long) tenants.size());
    expected.put("github_users", tenants.stream().mapToLong(t -> t.users().size()).sum());
    expected.put("dashboards", tenants.stream().mapToLong(t -> t.dashboards().size()).sum());
    expected.put("dashboard_users", tenants.stream()
        .flatMap(t -> t.dashboards().stream()).mapToLong(d -> d.logins().size()).sum());
    expected.put("activities", tenants.stream().mapToLong(t -> t.activities().size()).sum());
    return expected;
  }

  private Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    return counts;
  }

  private void truncate() {
    // generator_runs references tenants; it is empty here (the generator tests clean up after themselves).
    jdbc.sql("truncate " + String.join(", ", TABLES) + ", generator_runs restart identity").update();
  }
}
