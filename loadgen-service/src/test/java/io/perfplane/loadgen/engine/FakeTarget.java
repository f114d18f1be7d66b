package io.perfplane.loadgen.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 standing in for the system under test: {@code /ok} answers 200 "hello",
 * {@code /fail} 500, {@code /slow} 200 after 300 ms, {@code /json} a small JSON document, {@code /echo/<x>} 200 "x",
 * {@code /stall-once} 200 after {@value #STALL_MS} ms the first time, at once afterwards. Counts what it served and the peak concurrency it saw.
 */
public final class FakeTarget implements AutoCloseable {

  public static final String OK_BODY = "hello";
  public static final String JSON_BODY = "{\"slug\": \"engineering\", \"users\": [{\"login\": \"pat\"}]}";
  public static final long STALL_MS = 1_000;

  private final java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();

  private final HttpServer server;
  private final ConcurrentHashMap<String, AtomicLong> hits = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> headerValues = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final AtomicLong bytesReceived = new AtomicLong();

  public FakeTarget() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public long hits(String path) {
    AtomicLong count = hits.get(path);
    return count == null ? 0 : count.get();
  }

  public long totalHits() {
    return hits.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long requestsWithHeader(String value) {
    AtomicLong count = headerValues.get(value);
    return count == null ? 0 : count.get();
  }

  public int peakInFlight() {
    return peakInFlight.get();
  }

  public long bytesReceived() {
    return bytesReceived.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    peakInFlight.accumulateAndGet(now, Math::max);
    try (exchange) {
      try (InputStream body = exchange.getRequestBody()) {
        bytesReceived.addAndGet(body.readAllBytes().length);
      }
      String path = exchange.getRequestURI().getPath();
      String header = exchange.getRequestHeaders().getFirst("X-Api-Key");
      if (header != null) {
        headerValues.computeIfAbsent(header, k -> new AtomicLong()).incrementAndGet();
      }
      // Counted before responding: once a client holds the response, the server has already counted it.
      hits.computeIfAbsent(path, k -> new AtomicLong()).incrementAndGet();
      switch (path) {
        case "/ok" -> respond(exchange, 200, OK_BODY);
        case "/fail" -> respond(exchange, 500, "boom");
        case "/slow" -> {
          sleep(300);
          respond(exchange, 200, OK_BODY);
        }
        case "/json" -> respond(exchange, 200, JSON_BODY);
        case "/stall-once" -> {
          if (stalled.compareAndSet(false, true)) {
            sleep(STALL_MS);
          }
          respond(exchange, 200, OK_BODY);
        }
        default -> {
          if (path.startsWith("/echo/")) {
            respond(exchange, 200, path.substring("/echo/".length()));
          } else {
            respond(exchange, 404, "");
          }
        }
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
