package io.perfplane.loadgen.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 with a login: {@code POST /login} with body {@code user=demo&password=secret}
 * answers {@code {"token":"t-<n>"}} and sets cookie {@code SESSION=s-<n>} (Path=/app), 401 otherwise;
 * {@code GET /api/items} needs {@code Authorization: Bearer <a live token>} and answers {@code {"items":[{"id":..}]}};
 * {@code GET /app/cart} needs the live session cookie; {@code GET /app/form} answers HTML with a CSRF token;
 * {@code POST /app/orders} needs the cookie and {@code X-Csrf}, answers 201 with {@code Location: /app/orders/o-<n>};
 * {@code GET /app/orders/latest} needs the cookie and an issued Location in {@code X-Followed}; {@code POST /logout}
 * ends the token and the session. Anything
 * unauthenticated answers 401.
 */
final class JourneyTarget implements AutoCloseable {

  static final String CSRF = "c-42";

  private final HttpServer server;
  private final AtomicInteger logins = new AtomicInteger();
  private final AtomicInteger failedLogins = new AtomicInteger();
  private final AtomicInteger logouts = new AtomicInteger();
  private final AtomicInteger orders = new AtomicInteger();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final Set<String> locations = ConcurrentHashMap.newKeySet();
  /** Tokens seen on authenticated calls: one per user when each user logs in once. */
  final Set<String> tokensUsed = ConcurrentHashMap.newKeySet();
  final AtomicLong unauthorized = new AtomicLong();
  final AtomicLong cartsWithSession = new AtomicLong();
  final AtomicLong ordersFollowed = new AtomicLong();

  JourneyTarget() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int logins() {
    return logins.get();
  }

  int failedLogins() {
    return failedLogins.get();
  }

  int logouts() {
    return logouts.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      String token = bearer(exchange);
      String session = cookie(exchange, "SESSION");
      boolean hasSession = session != null && sessions.contains(session);
      if (method.equals("POST") && path.equals("/login")) {
        if (!body.equals("user=demo&password=secret")) {
          failedLogins.incrementAndGet();
          respond(exchange, 401, "{\"error\":\"bad credentials\"}");
          return;
        }
        int n = logins.incrementAndGet();
        tokens.add("t-" + n);
        sessions.add("s-" + n);
        exchange.getResponseHeaders().add("Set-Cookie", "SESSION=s-" + n + "; Path=/app; HttpOnly");
        exchange.getResponseHeaders().add("Set-Cookie", "theme=dark; Path=/elsewhere");
        respond(exchange, 200, "{\"token\":\"t-" + n + "\",\"expiresIn\":3600}");
      } else if (method.equals("GET") && path.equals("/api/items") && token != null && tokens.contains(token)) {
        tokensUsed.add(token);
        respond(exchange, 200, "{\"items\":[{\"id\":\"i-" + token.substring(2) + "\"}]}");
      } else if (method.equals("GET") && path.equals("/app/cart") && hasSession) {
        if (cookie(exchange, "theme") != null) {
          respond(exchange, 400, "cookie for another path");
          return;
        }
        cartsWithSession.incrementAndGet();
        respond(exchange, 200, "[]");
      } else if (method.equals("GET") && path.equals("/app/form") && hasSession) {
        respond(exchange, 200, "<form><input type=\"hidden\" name=\"csrf\" value=\"" + CSRF + "\"></form>");
      } else if (method.equals("POST") && path.equals("/app/orders") && hasSession
          && CSRF.equals(exchange.getRequestHeaders().getFirst("X-Csrf"))) {
        String location = "/app/orders/o-" + orders.incrementAndGet();
        locations.add(location);
        exchange.getResponseHeaders().add("Location", location);
        respond(exchange, 201, "");
      } else if (method.equals("GET") && path.equals("/app/orders/latest") && hasSession
          && locations.contains(exchange.getRequestHeaders().getFirst("X-Followed"))) {
        ordersFollowed.incrementAndGet();
        respond(exchange, 200, "{}");
      } else if (method.equals("POST") && path.equals("/logout") && token != null && tokens.remove(token)) {
        if (session != null) {
          sessions.remove(session);
        }
        logouts.incrementAndGet();
        respond(exchange, 204, "");
      } else {
        unauthorized.incrementAndGet();
        respond(exchange, 401, "{\"error\":\"unauthorized\"}");
      }
    }
  }

  private static String bearer(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("Authorization");
    return value != null && value.startsWith("Bearer ") ? value.substring(7) : null;
  }

  private static String cookie(HttpExchange exchange, String name) {
    String header = exchange.getRequestHeaders().getFirst("Cookie");
    if (header == null) {
      return null;
    }
    for (String pair : header.split(";")) {
      String[] kv = pair.strip().split("=", 2);
      if (kv.length == 2 && kv[0].equals(name)) {
        return kv[1];
      }
    }
    return null;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
