package io.perfplane.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.definition.DefinitionReader;
import io.perfplane.loadgen.http.HttpTransports;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.loadgen.plan.ValidPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user journey through the real HTTP client against a server that wants a token from {@code POST /login} on one
 * path and the session cookie it sets on others: extraction, per-user variables, {@code onStart} and cookies.
 */
class UserJourneyTest {

  private static final String JOURNEY = """
      name: journey
      targetService: shop
      targetBaseUrl: TARGET
      scenarios:
        - name: shopper
          workload: {executor: ramping-vus, stages: [{duration: 10ms, target: 3}, {duration: 1200ms, target: 3}]}
          thinkTime: {constant: 5ms}
          onStart:
            - name: POST /login
              method: POST
              path: /login
              body: user=demo&password=PASSWORD
              extract: [{name: token, jsonPath: $.token}]
          steps:
            - name: GET /api/items
              path: /api/items
              headers: {Authorization: 'Bearer ${token}'}
              checks: [{status: [200]}]
            - name: GET /app/cart
              path: /app/cart
              checks: [{status: [200]}]
            - name: GET /app/form
              path: /app/form
              extract: [{name: csrf, regex: 'name="csrf" value="([^"]+)"'}]
            - name: POST /app/orders
              method: POST
              path: /app/orders
              headers: {X-Csrf: '${csrf}'}
              extract: [{name: order, header: Location}]
            - name: GET /app/orders/latest
              path: /app/orders/latest
              headers: {X-Followed: '${order}'}
      """;

  private final List<RequestSample> samples = Collections.synchronizedList(new ArrayList<>());
  private final InMemoryRunEvents events = new InMemoryRunEvents();
  private final PlanValidator validator = new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*")), 100, Duration.ofMinutes(5)), () -> "run-1");
  private final SamplePublisher inMemorySamples = new SamplePublisher() {
    @Override
    public void offer(RequestSample sample, RunCounters counters) {
      samples.add(sample);
      counters.published();
    }

    @Override
    public boolean flush(RunCounters counters, Duration timeout) {
      return counters.settled();
    }
  };
  private JourneyTarget target;

  @BeforeEach
  void startTarget() throws IOException {
    target = new JourneyTarget();
  }

  @AfterEach
  void stopTarget() {
    target.close();
  }

  private RunStatus run(String yaml) throws InterruptedException {
    ValidPlan plan = new DefinitionReader(validator).read(yaml.replace("TARGET", target.baseUrl()),
        DefinitionReader.Format.YAML);
    LoadRun run = new LoadRun(plan, "gen-1", Clock.systemUTC(), inMemorySamples, events, new HttpTransports(),
        new LoadgenMetrics(new SimpleMeterRegistry()),
        new LoadRun.Settings(Duration.ofMillis(20), Duration.ofSeconds(5)));
    run.start();
    assertThat(run.awaitEnd(Duration.ofSeconds(20))).isTrue();
    return run.status();
  }

  private List<RequestSample> samplesOf(String endpoint) {
    return samples.stream().filter(s -> s.getEndpoint().equals(endpoint)).toList();
  }

  @Test
  void eachUserLogsInOnceAndReusesItsTokenCookiesAndExtractedValuesWithoutAnError() throws Exception {
    RunStatus status = run(JOURNEY.replace("PASSWORD", "secret"));

    assertThat(status.state()).isEqualTo(RunState.FINISHED);
    assertThat(status.requests()).isGreaterThan(30);
    assertThat(status.errors()).isZero();
    assertThat(samples).allSatisfy(s -> assertThat(s.getErrorKind()).isEqualTo(ErrorKind.NONE));
    assertThat(status.skippedSteps()).isZero();
    assertThat(status.skipped()).isEmpty();
    // Login once per user; each user's calls carry its own token (per-user variables, not one shared value).
    assertThat(target.logins()).isEqualTo(3);
    assertThat(samplesOf("POST /login")).hasSize(3);
    assertThat(target.tokensUsed).hasSize(3);
    assertThat(target.unauthorized.get()).isZero();
    // Session cookie on /app (and never the /elsewhere one), the CSRF field and the Location header reused.
    assertThat(target.cartsWithSession.get()).isEqualTo(samplesOf("GET /app/cart").size()).isPositive();
    assertThat(target.ordersFollowed.get()).isEqualTo(samplesOf("GET /app/orders/latest").size()).isPositive();
  }

  @Test
  void withoutTheExtractionAndTheCookiesTheUnauthorizedResponsesAreErrors() throws Exception {
    String withoutCapture = """
        name: journey
        targetService: shop
        targetBaseUrl: TARGET
        scenarios:
          - name: shopper
            cookies: false
            workload: {executor: ramping-vus, stages: [{duration: 10ms, target: 2}, {duration: 600ms, target: 2}]}
            thinkTime: {constant: 5ms}
            onStart:
              - {name: POST /login, method: POST, path: /login, body: user=demo&password=secret}
            steps:
              - {name: GET /api/items, path: /api/items}
              - {name: GET /app/cart, path: /app/cart}
        """;
    RunStatus status = run(withoutCapture);

    assertThat(status.state()).isEqualTo(RunState.FINISHED);
    long calls = samplesOf("GET /api/items").size() + samplesOf("GET /app/cart").size();
    assertThat(calls).isPositive();
    assertThat(status.errors()).isEqualTo(calls).isEqualTo(target.unauthorized.get());
    assertThat(samplesOf("GET /app/cart")).allSatisfy(s -> {
      assertThat(s.getStatus()).isEqualTo(401);
      assertThat(s.getErrorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
    });
    assertThat(target.cartsWithSession.get()).isZero();
  }

  @Test
  void aFailedExtractionIsACheckFailureAndTheStepsNeedingItAreSkippedCountedAndRetriedLater() throws Exception {
    RunStatus status = run(JOURNEY.replace("PASSWORD", "wrong"));

    List<RequestSample> logins = samplesOf("POST /login");
    // onStart is retried every iteration while it fails.
    assertThat(logins.size()).isGreaterThan(3).isEqualTo(target.failedLogins());
    assertThat(logins).allSatisfy(s -> {
      assertThat(s.getStatus()).isEqualTo(401);
      assertThat(s.getErrorKind()).isEqualTo(ErrorKind.CHECK_FAILED);
      assertThat(s.getTags()).containsEntry("check", "extract token: $.token found nothing");
    });
    // The token step is skipped; the cookie-only steps still run (and fail: no session either).
    assertThat(samplesOf("GET /api/items")).isEmpty();
    assertThat(samplesOf("GET /app/cart")).isNotEmpty();
    assertThat(status.skipped()).anySatisfy(s -> {
      assertThat(s.scenario()).isEqualTo("shopper");
      assertThat(s.step()).isEqualTo("steps[0]");
      assertThat(s.endpoint()).isEqualTo("GET /api/items");
      // Once per iteration, but for those the end of the load stopped right after their login.
      assertThat(s.count()).isBetween(logins.size() - 3L, (long) logins.size());
    });
    assertThat(status.skippedSteps()).isEqualTo(status.skipped().stream().mapToLong(RunStatus.SkippedStep::count)
        .sum());
    RunEvent finished = events.events.stream().filter(e -> e.getType() == RunEventType.FINISHED).findFirst()
        .orElseThrow();
    assertThat(finished.getAttributes()).containsEntry("skippedSteps", Long.toString(status.skippedSteps()));
  }

  @Test
  void anOpenModelIterationIsANewUserThatLogsInUsesItsTokenAndLogsOut() throws Exception {
    String open = """
        name: journey
        targetService: shop
        targetBaseUrl: TARGET
        scenarios:
          - name: visitor
            workload: {executor: constant-arrival-rate, rate: 40, duration: 1s, maxConcurrency: 20}
            onStart:
              - {name: POST /login, method: POST, path: /login, body: user=demo&password=secret,
                 extract: [{name: token, jsonPath: $.token}]}
            steps:
              - {name: GET /api/items, path: /api/items, headers: {Authorization: 'Bearer ${token}'},
                 extract: [{name: item, jsonPath: '$.items[0].id'}]}
              - {name: GET /app/cart, path: /app/cart}
              - {name: POST /logout, method: POST, path: /logout, headers: {Authorization: 'Bearer ${token}'}}
        """;
    RunStatus status = run(open);

    assertThat(samples).allSatisfy(s -> assertThat(s.getErrorKind()).as(s.toString()).isEqualTo(ErrorKind.NONE));
    assertThat(status.errors()).isZero();
    long iterations = status.scenarios().getFirst().iterations();
    assertThat(iterations).isGreaterThan(20);
    assertThat(target.logins()).isEqualTo(iterations);
    // The end of the load may cut the last iterations short after any step; every token is used by its own user.
    assertThat(target.logouts()).isEqualTo(samplesOf("POST /logout").size()).isGreaterThan((int) iterations - 10);
    assertThat(target.tokensUsed).hasSize(samplesOf("GET /api/items").size());
  }
}
