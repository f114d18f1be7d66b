package io.perfplane.analyzer.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one breach event to every configured target: POST, retried with exponential backoff until the target
 * answers 2xx or the attempts run out. Blocking on purpose: the caller delivers a partition's events one after the
 * other, so a receiver sees each breach key's events in order, and an event that could not be delivered is handed
 * back (for the dead-letter topic) instead of holding the partition forever.
 *
 * <p>Each request carries {@code X-Perfplane-Timestamp} (Unix seconds) and {@code X-Perfplane-Signature:
 * sha256=<hex>}, the HMAC-SHA256 of {@code <timestamp>.<body>} with the target's secret: a receiver recomputes it,
 * compares in constant time and rejects old timestamps (replays).
 */
final class BreachWebhooks {

  /** Header with the HMAC signature. */
  static final String SIGNATURE = "X-Perfplane-Signature";
  /** Header with the signing time (Unix seconds). */
  static final String TIMESTAMP = "X-Perfplane-Timestamp";

  private static final Logger log = LoggerFactory.getLogger(BreachWebhooks.class);

  /** Waits between attempts; tests substitute a recorder. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * An event a target did not take.
   *
   * @param target the target's host:port (its URL may hold a secret)
   * @param attempts attempts made
   * @param error the last status or error
   */
  public record Failure(String target, int attempts, String error) {
  }

  private final WebhookProperties properties;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;

  BreachWebhooks(WebhookProperties properties, HttpClient http, Clock clock, Sleeper sleeper) {
    this.properties = properties;
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** A notifier over a new HTTP client; waits with {@link Thread#sleep}. */
  public static BreachWebhooks create(WebhookProperties properties, Clock clock) {
    return new BreachWebhooks(properties, HttpClient.newBuilder().connectTimeout(properties.timeout()).build(), clock,
        Thread::sleep);
  }

  /**
   * Delivers {@code cloudEvent} (the JSON of {@code slo-breaches.json}) to every target.
   *
   * @return the targets that did not take it after every attempt
   */
  public List<Failure> deliver(String cloudEvent) throws InterruptedException {
    List<Failure> failures = new ArrayList<>();
    for (WebhookProperties.Target target : properties.targets()) {
      String body = target.slack() ? SlackMessage.of(cloudEvent) : cloudEvent;
      String contentType = target.slack() ? "application/json" : "application/cloudevents+json; charset=utf-8";
      Failure failure = deliver(target, body, contentType);
      if (failure != null) {
        failures.add(failure);
      }
    }
    return failures;
  }

  private @Nullable Failure deliver(WebhookProperties.Target target, String body, String contentType)
      throws InterruptedException {
    String url = Objects.requireNonNull(target.url(), "validated by WebhookProperties");
    String secret = Objects.requireNonNull(target.secret(), "validated by WebhookProperties");
    Duration backoff = properties.initialBackoff();
    String error = "";
    for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
      String timestamp = Long.toString(clock.instant().getEpochSecond());
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
          .header("Content-Type", contentType).header(TIMESTAMP, timestamp)
          .header(SIGNATURE, "sha256=" + sign(secret, timestamp, body))
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return null;
        }
        error = "HTTP " + status;
      } catch (IOException e) {
        error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (attempt < properties.maxAttempts()) {
        log.debug("webhook {} attempt {} failed ({}), retrying in {}", WebhookProperties.host(url), attempt,
            error, backoff);
        sleeper.sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff()
            : backoff.multipliedBy(2);
      }
    }
    log.warn("webhook {} did not take a breach event after {} attempts ({}): sent to webhook-dead-letters",
        WebhookProperties.host(url), properties.maxAttempts(), error);
    return new Failure(WebhookProperties.host(url), properties.maxAttempts(), error);
  }

  /** Hex HMAC-SHA256 of {@code <timestamp>.<body>}. */
  static String sign(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is a mandatory JDK algorithm", e);
    }
  }
}
