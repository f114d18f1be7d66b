package io.perfplane.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for analyzer-service's histograms and baselines API (the contract between the analyzer and the
 * launcher, docs/compare.md) on a real local HTTP server, recorded as the running stack of a home directory. Two
 * tokens: {@link #ADMIN_TOKEN} with every scope (the local stack's credential), {@link #READ_TOKEN} with
 * {@code runs:read} only; anything else is 401.
 */
public final class StandInAnalyzer implements AutoCloseable {

  public static final String ADMIN_TOKEN = "stack-token";
  public static final String READ_TOKEN = "read-only-token";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final Map<String, String> runs = new ConcurrentHashMap<>();
  private final Set<String> unfinished = ConcurrentHashMap.newKeySet();
  private final Map<String, List<ObjectNode>> baselines = new TreeMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  public StandInAnalyzer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code histograms} (a whole-run histograms document) as run {@code runId}, finished or not. */
  public StandInAnalyzer run(String runId, String histograms, boolean finished) {
    runs.put(runId, ((ObjectNode) JSON.readTree(histograms)).put("finished", finished).toString());
    if (!finished) {
      unfinished.add(runId);
    }
    return this;
  }

  /** Every request, as {@code METHOD path token}. */
  public List<String> requests() {
    return requests;
  }

  /** Records this server as the analyzer of the stack running under {@code home}, its credential {@code token}. */
  public void recordStack(Path home, String token) throws IOException {
    Path work = Files.createDirectories(home.resolve(".perfplane"));
    Path credentials = Files.writeString(work.resolve("credentials"), token + "\n");
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    Files.writeString(work.resolve("stack.json"), "{\"version\":1,\"pid\":" + ProcessHandle.current().pid()
        + ",\"startedAt\":\"2026-12-07T02:00:00Z\",\"kafka\":\"127.0.0.1:1\",\"services\":{\"analyzer-service\":\""
        + url + "\"},\"credentials\":\"" + credentials + "\",\"logs\":\"" + work + "\"}");
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
    String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
    requests.add(method + " " + path + " " + auth);
    String token = auth.startsWith("Bearer ") ? auth.substring(7) : "";
    if (!token.equals(ADMIN_TOKEN) && !token.equals(READ_TOKEN)) {
      send(exchange, 401, problem(401, "Unauthorized", "a bearer token is required", null));
      return;
    }
    String[] parts = path.split("/", -1);
    synchronized (baselines) {
      if (method.equals("GET") && parts.length == 4 && parts[1].equals("runs") && parts[3].equals("histograms")) {
        String doc = runs.get(parts[2]);
        send(exchange, doc == null ? 404 : 200, doc == null ? problem(404, "Not Found", "no run " + parts[2], null)
            : doc);
      } else if (method.equals("GET") && path.equals("/baselines")) {
        ArrayNode list = JSON.createArrayNode();
        baselines.values().forEach(versions -> list.add(versions.getLast().deepCopy().without("histograms")));
        send(exchange, 200, list.toString());
      } else if (parts.length >= 3 && parts[1].equals("baselines")) {
        baseline(exchange, method, parts, token);
      } else {
        send(exchange, 404, problem(404, "Not Found", "no such resource " + path, null));
      }
    }
  }

  private void baseline(HttpExchange exchange, String method, String[] parts, String token) throws IOException {
    String name = parts[2];
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      send(exchange, 400, problem(400, "Bad Request", "name must match [A-Za-z0-9._-]{1,64}", "name"));
      return;
    }
    List<ObjectNode> versions = baselines.get(name);
    if (method.equals("PUT") && parts.length == 3) {
      if (!token.equals(ADMIN_TOKEN)) {
        send(exchange, 403, problem(403, "Forbidden", "the token lacks the scope admin", null));
        return;
      }
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String runId = body.path("runId").asString("");
      if (runId.isBlank()) {
        send(exchange, 400, problem(400, "Bad Request", "runId is required", "runId"));
      } else if (!runs.containsKey(runId)) {
        send(exchange, 404, problem(404, "Not Found", "no run " + runId, null));
      } else if (unfinished.contains(runId)) {
        send(exchange, 409, problem(409, "Conflict", "run " + runId + " is not finished", null));
      } else {
        ObjectNode entry = JSON.createObjectNode().put("name", name).put("runId", runId)
            .put("version", versions == null ? 1 : versions.size() + 1).put("setAt", Instant.parse(
                "2026-12-07T04:00:00Z").plusSeconds(versions == null ? 0 : versions.size() * 60L).toString())
            .put("setBy", "perfplane-local");
        entry.set("note", body.path("note").isString() ? body.path("note") : JSON.nullNode());
        entry.set("histograms", JSON.readTree(runs.get(runId)));
        baselines.computeIfAbsent(name, n -> new ArrayList<>()).add(entry);
        send(exchange, 201, entry.deepCopy().without("histograms").toString());
      }
    } else if (method.equals("GET") && versions == null) {
      send(exchange, 404, problem(404, "Not Found", "no baseline " + name, null));
    } else if (method.equals("GET") && parts.length == 3) {
      send(exchange, 200, versions.getLast().toString());
    } else if (method.equals("GET") && parts.length == 4 && parts[3].equals("history")) {
      ArrayNode list = JSON.createArrayNode();
      for (int i = versions.size() - 1; i >= 0; i--) {
        list.add(versions.get(i).deepCopy().without("histograms"));
      }
      send(exchange, 200, list.toString());
    } else {
      send(exchange, 405, problem(405, "Method Not Allowed", method + " not allowed", null));
    }
  }

  private static String problem(int status, String title, String detail, String field) {
    ObjectNode node = JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status)
        .put("detail", detail);
    if (field != null) {
      node.put("field", field);
    }
    return node.toString();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", status / 100 == 2 ? "application/json"
        : "application/problem+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
