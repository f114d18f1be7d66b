package io.perfplane.api.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.api.ApiIntegrationTest;
import io.perfplane.api.ApiResponses;
import io.perfplane.api.tenant.ApiKeyHash;
import io.perfplane.api.tenant.TenantsChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The GitHub upstream end to end: real HTTP to {@link FakeGithub}, the real Resilience4j aspects, the real
 * database. A tenant of its own ("Upstream Labs") keeps the demo tenants untouched. Breaker windows are shrunk so
 * that opening takes a few calls; the open state lasts {@link #OPEN_WAIT}, long enough that a loaded machine cannot
 * let it lapse while a test is still asserting that the breaker sheds load.
 */
@TestPropertySource(properties = {
    "perfplane.api.github.sync-on-read=true",
    "perfplane.api.github.max-age=10m",
    "perfplane.api.github.read-timeout=500ms",
    "resilience4j.circuitbreaker.instances.github.sliding-window-size=4",
    "resilience4j.circuitbreaker.instances.github.minimum-number-of-calls=4",
    "resilience4j.circuitbreaker.instances.github.wait-duration-in-open-state=" + GithubUpstreamTest.OPEN_WAIT,
    "resilience4j.circuitbreaker.instances.github.permitted-number-of-calls-in-half-open-state=2",
    "resilience4j.retry.instances.github.wait-duration=10ms",
    "resilience4j.ratelimiter.instances.github.limit-for-period=100000",
    "resilience4j.bulkhead.instances.github.max-concurrent-calls=3"})
class GithubUpstreamTest extends ApiIntegrationTest {

  static final String OPEN_WAIT = "3s";
  private static final String KEY = "upstream-labs-key";
  private static final FakeGithub GITHUB = startFake();

  @DynamicPropertySource
  static void githubBaseUrl(DynamicPropertyRegistry registry) {
    registry.add("perfplane.api.github.base-url", GITHUB::baseUrl);
  }

  @Autowired
  private CircuitBreakerRegistry breakers;
  @Autowired
  private GithubSync sync;
  @Autowired
  private GithubClient githubClient;
  @Autowired
  private MeterRegistry meters;
  @Autowired
  private ApplicationEventPublisher events;

  private CircuitBreaker breaker;

  @BeforeEach
  void setUp() {
    GITHUB.reset();
    breaker = breakers.circuitBreaker(GithubClient.RESILIENCE_NAME);
    breaker.reset();
    sync.forgetRateLimit();
    long tenantId = jdbc.sql("insert into tenants (name, plan, api_key_hash) values ('Upstream Labs', 'basic', ?) "
        + "returning id").param(ApiKeyHash.sha256Hex(KEY)).query(Long.class).single();
    long dashboardId = jdbc.sql("insert into dashboards (tenant_id, slug, name) values (?, 'upstream', 'Upstream') "
        + "returning id").param(tenantId).query(Long.class).single();
    for (String login : List.of("octo-ann", "octo-ben")) {
      long userId = jdbc.sql("insert into github_users (tenant_id, login) values (?, ?) returning id")
          .params(tenantId, login).query(Long.class).single();
      jdbc.sql("insert into dashboard_users (tenant_id, dashboard_id, github_user_id) values (?, ?, ?)")
          .params(tenantId, dashboardId, userId).update();
    }
  }

  @AfterEach
  void tearDown() {
    jdbc.sql("delete from tenants where name = 'Upstream Labs'").update();
    // The next test re-creates the tenant under a new id: the service must not keep resolving KEY to this one.
    events.publishEvent(new TenantsChanged());
  }

  @Test
  void syncStoresSupportedEventsOnceAndServesThemFresh() {
    Instant pushedAt = NOW.minus(Duration.ofHours(2));
    GITHUB.events("octo-ann", List.of(
        FakeGithub.pushEvent("e-1", "octo/app", 3, pushedAt),
        FakeGithub.pullRequestEvent("e-2", "octo/app", 42, NOW.minus(Duration.ofHours(1))),
        FakeGithub.watchEvent("e-3", "octo/app", NOW.minus(Duration.ofMinutes(30)))));
    GITHUB.events("octo-ben", List.of());

    ApiResponses.Overview overview = overview();

    assertThat(overview.stale()).isFalse();
    assertThat(overview.syncedAt()).isEqualTo(NOW);
    // The star (WatchEvent) is not an activity kind and is skipped.
    assertThat(overview.latest()).containsExactly(
        new ApiResponses.Activity("octo-ann", "pull_request", "octo/app", "Opened pull request #42",
            NOW.minus(Duration.ofHours(1))),
        new ApiResponses.Activity("octo-ann", "push", "octo/app", "Pushed 3 commits to main", pushedAt));
    assertThat(GITHUB.requests()).isEqualTo(2);

    // Within max-age nothing is fetched again; after it, re-fetching the same events inserts no duplicates.
    overview();
    assertThat(GITHUB.requests()).isEqualTo(2);
    jdbc.sql("update github_users set synced_at = null where login in ('octo-ann', 'octo-ben')").update();
    overview();
    assertThat(GITHUB.requests()).isEqualTo(4);
    assertThat(activityCount()).isEqualTo(2);
  }

  @Test
  void transientServerErrorsAreRetriedWithBackoff() {
    GITHUB.events("octo-ann", List.of(FakeGithub.pushEvent("r-1", "octo/app", 1, NOW.minusSeconds(60))));
    GITHUB.failNext(2);

    assertThat(githubClient.userEvents("octo-ann")).hasSize(1);
    assertThat(GITHUB.requests()).isEqualTo(3);
  }

  @Test
  void breakerOpensShedsLoadServesStaleDataHalfOpensAndRecovers() throws Exception {
    GITHUB.events("octo-ann", List.of(FakeGithub.pushEvent("s-1", "octo/app", 1, NOW.minusSeconds(600))));
    GITHUB.events("octo-ben", List.of());
    assertThat(overview().stale()).isFalse();
    jdbc.sql("update github_users set synced_at = ? where login in ('octo-ann', 'octo-ben')")
        .param(NOW.minus(Duration.ofHours(1)).atOffset(java.time.ZoneOffset.UTC)).update();

    // GitHub breaks: each user sync is 3 attempts (retry), all recorded by the breaker (window 4, threshold 50%).
    GITHUB.fault(new FakeGithub.ServerError(502));
    ApiResponses.Overview during = overview();
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(during.stale()).isTrue();
    assertThat(during.syncedAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(during.latest()).extracting(ApiResponses.Activity::title).containsExactly("Pushed 1 commit to main");

    // Open: reads keep succeeding with stored data, and not one request reaches GitHub.
    int before = GITHUB.requests();
    for (int i = 0; i < 5; i++) {
      ApiResponses.Overview shed = overview();
      assertThat(shed.stale()).isTrue();
      assertThat(shed.latest()).hasSize(1);
    }
    assertThat(GITHUB.requests()).isEqualTo(before);
    assertThat(breakerStateGauge("open")).isEqualTo(1.0);
    JsonNode health = client.get().uri("/actuator/health").exchange()
        .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    assertThat(health.at("/components/circuitBreakers/details/github/details/state").asString()).isEqualTo("OPEN");
    assertThat(health.at("/status").asString()).isEqualTo("UP");

    // After the open wait the breaker lets trial calls through; GitHub has recovered, so it closes again.
    GITHUB.fault(new FakeGithub.Healthy());
    Thread.sleep(Duration.parse("PT" + OPEN_WAIT).plusMillis(100));
    ApiResponses.Overview after = overview();
    assertThat(GITHUB.requests()).isEqualTo(before + 2);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(after.stale()).isFalse();
    assertThat(after.syncedAt()).isEqualTo(NOW);
    assertThat(breakerStateGauge("closed")).isEqualTo(1.0);
  }

  @Test
  void halfOpenFailureReopensTheBreaker() throws Exception {
    GITHUB.fault(new FakeGithub.ServerError(500));
    for (int i = 0; i < 2; i++) {
      assertThat(sync.sync(user("octo-ann"))).isEmpty();
    }
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    Thread.sleep(Duration.parse("PT" + OPEN_WAIT).plusMillis(100));

    assertThat(sync.sync(user("octo-ann"))).isEmpty();
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void spentRateLimitIsHonouredUntilItsResetWithoutRetrying() {
    GITHUB.fault(new FakeGithub.RateLimited(NOW.plus(Duration.ofHours(1))));

    ApiResponses.Overview overview = overview();

    assertThat(overview.stale()).isTrue();
    // One request: the 403 is not retried, and the second user is not even tried before the reset.
    assertThat(GITHUB.requests()).isEqualTo(1);
    overview();
    assertThat(GITHUB.requests()).isEqualTo(1);
  }

  @Test
  void timeoutsCountAsUnavailable() {
    GITHUB.fault(new FakeGithub.Hang(Duration.ofSeconds(5)));
    long start = System.nanoTime();

    assertThatThrownBy(() -> githubClient.userEvents("octo-ann")).isInstanceOf(GithubUnavailableException.class);

    // Three attempts bounded by the 500 ms read timeout, not three 5 s hangs.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(GITHUB.requests()).isEqualTo(3);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
  }

  @Test
  void bulkheadCapsConcurrentUpstreamCalls() throws Exception {
    GITHUB.events("octo-ann", List.of());
    GITHUB.fault(new FakeGithub.Latency(Duration.ofMillis(250)));
    CyclicBarrier start = new CyclicBarrier(10);
    List<Throwable> recorded = new CopyOnWriteArrayList<>();
    List<Throwable> ignored = new CopyOnWriteArrayList<>();
    breaker.getEventPublisher()
        .onError(event -> recorded.add(event.getThrowable()))
        .onIgnoredError(event -> ignored.add(event.getThrowable()));
    List<Callable<Object>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(() -> {
        start.await(); // all ten at once, even on a starved machine
        try {
          return githubClient.userEvents("octo-ann");
        } catch (RuntimeException e) {
          return e;
        }
      });
    }
    List<Object> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<Object> future : pool.invokeAll(calls)) {
        results.add(future.get());
      }
    }

    assertThat(GITHUB.peakInFlight()).isLessThanOrEqualTo(3);
    assertThat(results).filteredOn(BulkheadFullException.class::isInstance).isNotEmpty();
    // Refusals are the bulkhead's, not GitHub's fault: the breaker sees each one but does not hold it against GitHub.
    long refused = results.stream().filter(BulkheadFullException.class::isInstance).count();
    assertThat(ignored).filteredOn(BulkheadFullException.class::isInstance).hasSize((int) refused);
    assertThat(recorded).noneMatch(BulkheadFullException.class::isInstance);
  }

  private ApiResponses.Overview overview() {
    return get(KEY, "/api/dashboards/upstream/overview")
        .expectStatus().isOk()
        .expectBody(ApiResponses.Overview.class).returnResult().getResponseBody();
  }

  private TrackedUser user(String login) {
    return jdbc.sql("select id, tenant_id from github_users where login = ?").param(login)
        .query((rs, row) -> new TrackedUser(rs.getLong("id"), rs.getLong("tenant_id"), login, null)).single();
  }

  private long activityCount() {
    return jdbc.sql("select count(*) from activities a join tenants t on t.id = a.tenant_id "
        + "where t.name = 'Upstream Labs'").query(Long.class).single();
  }

  private double breakerStateGauge(String state) {
    return meters.get("resilience4j.circuitbreaker.state").tag("name", "github").tag("state", state).gauge().value();
  }

  private static FakeGithub startFake() {
    try {
      return new FakeGithub();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
