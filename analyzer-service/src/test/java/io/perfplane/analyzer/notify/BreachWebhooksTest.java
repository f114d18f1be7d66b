package io.perfplane.analyzer.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.cloudevents.CloudEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Delivery against a local HTTP receiver: signatures, retries with backoff, giving up, the Slack payload. */
class BreachWebhooksTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T23:00:00Z"), ZoneOffset.UTC);
  private static final String EVENT = CloudEvents.breach(SloBreach.newBuilder().setBreachId("r|p95|*@1")
      .setState(BreachState.OPENED).setSloId("p95").setRunId("r").setEndpoint("GET /a<b>").setIndicator("latency_p95")
      .setWindowSeconds(10).setObserved(812.5).setObjective(500).setUnit("ms").setOpenedAtUs(1_000_000L)
      .setAtUs(2_000_000L).setMetric("latency").build());

  private HttpServer server;
  private final List<String[]> requests = new CopyOnWriteArrayList<>(); // {content type, timestamp, signature, body}
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(new String[] {exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRequestHeaders().getFirst(BreachWebhooks.TIMESTAMP),
          exchange.getRequestHeaders().getFirst(BreachWebhooks.SIGNATURE),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
      exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 200, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private BreachWebhooks webhooks(String format, int maxAttempts) {
    WebhookProperties properties = new WebhookProperties(List.of(new WebhookProperties.Target(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", "s3cret", format)), List.of("127.0.0.1:*"),
        maxAttempts, Duration.ofMillis(100), Duration.ofMillis(350), Duration.ofSeconds(2));
    return new BreachWebhooks(properties, HttpClient.newHttpClient(), CLOCK, sleeps::add);
  }

  @Test
  void aCloudEventIsPostedSignedAsTimestampDotBody() throws Exception {
    assertThat(webhooks(null, 3).deliver(EVENT)).isEmpty();

    assertThat(requests).singleElement().satisfies(r -> {
      assertThat(r[0]).isEqualTo("application/cloudevents+json; charset=utf-8");
      assertThat(r[1]).as("2026-12-06T23:00:00Z in Unix seconds").isEqualTo("1796598000");
      assertThat(r[3]).isEqualTo(EVENT);
      assertThat(r[2]).isEqualTo("sha256=" + BreachWebhooks.sign("s3cret", r[1], EVENT))
          .isNotEqualTo("sha256=" + BreachWebhooks.sign("other", r[1], EVENT));
    });
  }

  @Test
  void failuresAreRetriedWithDoublingBackoffUpToItsCap() throws Exception {
    failuresLeft.set(4);
    assertThat(webhooks(null, 10).deliver(EVENT)).isEmpty();
    assertThat(requests).hasSize(5);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350),
        Duration.ofMillis(350));
  }

  @Test
  void aTargetThatNeverTakesItIsReportedForTheDeadLetterTopic() throws Exception {
    failuresLeft.set(100);
    List<BreachWebhooks.Failure> failures = webhooks(null, 3).deliver(EVENT);
    assertThat(failures).containsExactly(new BreachWebhooks.Failure("127.0.0.1:" + server.getAddress().getPort(), 3,
        "HTTP 503"));
    assertThat(requests).hasSize(3);
  }

  @Test
  void slackTargetsGetAReadableMessage() throws Exception {
    assertThat(webhooks("slack", 1).deliver(EVENT)).isEmpty();
    String body = requests.getFirst()[3];
    assertThat(requests.getFirst()[0]).isEqualTo("application/json");
    assertThat(JsonMapper.builder().build().readTree(body).get("text").asString()).isEqualTo(
        ":red_circle: *SLO breach opened*: `p95` on `GET /a&lt;b&gt;` (run `r`): latency_p95 812.5 ms > 500.0 ms "
            + "over 10 s at 1970-01-01T00:00:02Z");
  }
}
