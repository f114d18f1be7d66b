package io.perfplane.api.github;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for GitHub's {@code GET /users/{login}/events} (JDK HttpServer, real HTTP on loopback), with
 * fault injection: latency, 5xx, a spent rate limit (403 with {@code X-RateLimit-Reset}) and hanging past the
 * client's read timeout. Counts requests and the peak of concurrent ones.
 */
final class FakeGithub implements AutoCloseable {

  /** What the next requests get. */
  sealed interface Fault {
  }

  record Healthy() implements Fault {
  }

  record Latency(Duration delay) implements Fault {
  }

  record ServerError(int status) implements Fault {
  }

  record RateLimited(Instant reset) implements Fault {
  }

  /** Answers after {@code delay}, meant to exceed the client's read timeout. */
  record Hang(Duration delay) implements Fault {
  }

  private static final Pattern EVENTS = Pattern.compile("/users/([^/]+)/events");

  private final HttpServer server;
  private final AtomicReference<Fault> fault = new AtomicReference<>(new Healthy());
  /** Requests that get {@link ServerError} 503 before {@link #fault} applies. */
  private final AtomicInteger failNext = new AtomicInteger();
  private final Map<String, String> eventsByLogin = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();

  FakeGithub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void fault(Fault next) {
    fault.set(next);
  }

  void failNext(int count) {
    failNext.set(count);
  }

  /** Events {@code login} has, as GitHub's JSON objects. */
  void events(String login, List<String> eventJson) {
    eventsByLogin.put(login, eventJson.stream().collect(Collectors.joining(",", "[", "]")));
  }

  int requests() {
    return requests.get();
  }

  int peakInFlight() {
    return peakInFlight.get();
  }

  void reset() {
    fault.set(new Healthy());
    failNext.set(0);
    eventsByLogin.clear();
    requests.set(0);
    peakInFlight.set(0);
  }

  static String pushEvent(String id, String repo, int commits, Instant createdAt) {
    return """
        {"id": "%s", "type": "PushEvent", "actor": {"login": "x"}, "repo": {"id": 1, "name": "%s"},
         "payload": {"ref": "refs/heads/main", "size": %d}, "public": true, "created_at": "%s"}"""
        .formatted(id, repo, commits, createdAt);
  }

  static String pullRequestEvent(String id, String repo, int number, Instant createdAt) {
    return """
        {"id": "%s", "type": "PullRequestEvent", "repo": {"name": "%s"},
         "payload": {"action": "opened", "number": %d, "pull_request": {"number": %d}}, "created_at": "%s"}"""
        .formatted(id, repo, number, number, createdAt);
  }

  static String watchEvent(String id, String repo, Instant createdAt) {
    return """
        {"id": "%s", "type": "WatchEvent", "repo": {"name": "%s"}, "payload": {"action": "started"},
         "created_at": "%s"}""".formatted(id, repo, createdAt);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try (exchange) {
      Matcher matcher = EVENTS.matcher(exchange.getRequestURI().getPath());
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(exchange, 503, "{\"message\": \"Service Unavailable\"}");
        return;
      }
      switch (fault.get()) {
        case Healthy healthy -> { }
        case Latency latency -> sleep(latency.delay());
        case Hang hang -> sleep(hang.delay());
        case ServerError error -> {
          send(exchange, error.status(), "{\"message\": \"Server Error\"}");
          return;
        }
        case RateLimited limited -> {
          exchange.getResponseHeaders().set("X-RateLimit-Limit", "60");
          exchange.getResponseHeaders().set("X-RateLimit-Remaining", "0");
          exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(limited.reset().getEpochSecond()));
          send(exchange, 403, "{\"message\": \"API rate limit exceeded\"}");
          return;
        }
      }
      if (!matcher.matches()) {
        send(exchange, 404, "{\"message\": \"Not Found\"}");
        return;
      }
      String events = eventsByLogin.get(matcher.group(1));
      send(exchange, events == null ? 404 : 200, events == null ? "{\"message\": \"Not Found\"}" : events);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    } catch (IOException e) {
      // The client gave up (read timeout): nothing to answer to.
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
