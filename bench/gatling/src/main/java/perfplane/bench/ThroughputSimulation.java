package perfplane.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.forever;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The Gatling row of bench/loadgen-service-throughput.sh: a closed model of {@code bench.users} users, each looping
 * GET / without pauses, over shared connections, for {@code bench.warmupSeconds + bench.seconds}. Requests are
 * counted only after the warm-up (same JVM, so the measured part runs JIT-compiled code, as loadgen's does); the
 * figure is printed as {@code == gatling rps=<n> requests=<n> seconds=<s>}.
 */
public class ThroughputSimulation extends Simulation {

  private static final String TARGET = System.getProperty("bench.target", "http://127.0.0.1:8080");
  private static final int USERS = Integer.getInteger("bench.users", 64);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 3);
  private static final LongAdder MEASURED = new LongAdder();

  private volatile long measureFromNanos;
  private volatile long measureUntilNanos;

  private final HttpProtocolBuilder protocol = http.baseUrl(TARGET).shareConnections()
      .disableCaching().disableWarmUp();

  private final ScenarioBuilder loop = scenario("closed loop").exec(forever().on(
      // Gatling's default check (status 2xx/304) applies; the counter below is the only addition.
      http("GET /").get("/")
          .transformResponse((response, session) -> {
            long now = System.nanoTime();
            if (now >= measureFromNanos && now < measureUntilNanos) {
              MEASURED.increment();
            }
            return response;
          })));

  {
    setUp(loop.injectClosed(constantConcurrentUsers(USERS)
        .during(Duration.ofSeconds(WARMUP_SECONDS + SECONDS))))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(WARMUP_SECONDS + SECONDS));
  }

  @Override
  public void before() {
    long start = System.nanoTime();
    measureFromNanos = start + WARMUP_SECONDS * 1_000_000_000L;
    measureUntilNanos = measureFromNanos + SECONDS * 1_000_000_000L;
  }

  @Override
  public void after() {
    long requests = MEASURED.sum();
    System.out.printf("== gatling rps=%d requests=%d seconds=%d warmup=%d users=%d%n",
        Math.round(requests / (double) SECONDS), requests, SECONDS, WARMUP_SECONDS, USERS);
  }
}
