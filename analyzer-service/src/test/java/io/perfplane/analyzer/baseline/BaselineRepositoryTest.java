package io.perfplane.analyzer.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The baseline store on the real PostgreSQL server (database "test", a schema of this test's own, migrated by the
 * service's Flyway scripts); PERFPLANE_TEST_DB_URL points elsewhere (CI).
 */
class BaselineRepositoryTest {

  private static final String SCHEMA = "analyzer_baseline_repository_test";
  private static final Instant NOW = Instant.parse("2026-12-07T10:15:30.123456789Z");
  private static HikariDataSource dataSource;

  private JdbcClient jdbc;
  private BaselineRepository repository;

  @BeforeAll
  static void database() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(env("PERFPLANE_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    dataSource.setUsername(env("PERFPLANE_TEST_DB_USER", "postgres"));
    dataSource.setPassword(env("PERFPLANE_TEST_DB_PASSWORD", "postgres"));
    dataSource.setSchema(SCHEMA);
    dataSource.setMaximumPoolSize(8);
    Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA).load().migrate();
  }

  @AfterAll
  static void close() {
    dataSource.close();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  @BeforeEach
  void setUp() {
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("DELETE FROM baseline_entry").update();
    repository = new BaselineRepository(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void versionsCountUpPerNameAndTheHighestIsCurrent() {
    BaselineEntry first = repository.add("checkout", "r1", "ci", "first try", "{\"runId\": \"r1\"}");
    repository.add("search", "r7", "alice", null, "{\"runId\": \"r7\"}");
    BaselineEntry second = repository.add("checkout", "r2", "bob", null, "{\"runId\": \"r2\"}");

    assertThat(first).isEqualTo(new BaselineEntry("checkout", "r1", 1, Instant.parse("2026-12-07T10:15:30.123456Z"),
        "ci", "first try"));
    assertThat(second.version()).isEqualTo(2);
    assertThat(repository.current()).extracting(BaselineEntry::name, BaselineEntry::runId, BaselineEntry::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("checkout", "r2", 2),
            org.assertj.core.groups.Tuple.tuple("search", "r7", 1));
    BaselineRepository.Snapshot current = repository.current("checkout").orElseThrow();
    assertThat(current.entry()).isEqualTo(second);
    assertThat(current.histogramsJson()).isEqualTo("{\"runId\": \"r2\"}");
    assertThat(repository.history("checkout")).containsExactly(second, first);
  }

  @Test
  void anUnknownNameHasNoCurrentEntryAndNoHistory() {
    repository.add("checkout", "r1", "ci", null, "{}");

    assertThat(repository.current("nope")).isEmpty();
    assertThat(repository.history("nope")).isEmpty();
  }

  @Test
  void concurrentAddsGetDistinctConsecutiveVersions() throws Exception {
    int writers = 12;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<BaselineEntry>> added = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int i = 0; i < writers; i++) {
        String runId = "r" + i;
        added.add(pool.submit(() -> {
          start.await();
          return repository.add("busy", runId, "ci", null, "{}");
        }));
      }
      start.countDown();
      List<Integer> versions = new ArrayList<>();
      for (Future<BaselineEntry> entry : added) {
        versions.add(entry.get().version());
      }
      assertThat(versions).containsExactlyInAnyOrderElementsOf(
          java.util.stream.IntStream.rangeClosed(1, writers).boxed().toList());
    }
    assertThat(repository.history("busy")).extracting(BaselineEntry::version)
        .containsExactlyElementsOf(java.util.stream.IntStream.iterate(writers, v -> v >= 1, v -> v - 1).boxed()
            .toList());
  }
}
