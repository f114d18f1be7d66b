package io.perfplane.launcher.run;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** loadgen-service's control API ({@code /runs}), with the bearer token. */
final class LoadgenClient {

  /** A stop waits server-side (at most 30 s) until the run's samples are flushed. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  LoadgenClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /**
   * An answer other than 2xx. loadgen-service sends RFC 9457 problem+json; {@code problem} is its body, or an empty
   * object when the body was not JSON.
   */
  static final class Rejected extends RuntimeException {

    private final int status;
    private final transient JsonNode problem;

    Rejected(int status, JsonNode problem, String message) {
      super(message);
      this.status = status;
      this.problem = problem;
    }

    int status() {
      return status;
    }

    JsonNode problem() {
      return problem;
    }
  }

  /** Submits a definition file as it is, with the overrides as query parameters; returns the run id. */
  String submit(Path file, String contentType, @Nullable String runId, @Nullable String target) throws IOException {
    List<String> query = new ArrayList<>();
    if (runId != null) {
      query.add("runId=" + URLEncoder.encode(runId, StandardCharsets.UTF_8));
    }
    if (target != null) {
      query.add("targetBaseUrl=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }
    HttpRequest request = request("/runs" + (query.isEmpty() ? "" : "?" + String.join("&", query)))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(Files.readString(file)))
        .build();
    return send(request).path("runId").asString();
  }

  /** Starts a built-in profile; returns the run id. */
  String submitProfile(String name, @Nullable String runId, @Nullable String target) {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (runId != null) {
      overrides.put("runId", runId);
    }
    if (target != null) {
      overrides.put("targetBaseUrl", target);
    }
    HttpRequest request = request("/runs/profiles/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
        .replace("+", "%20"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(overrides)))
        .build();
    return send(request).path("runId").asString();
  }

  /** Names of the built-in profiles. */
  List<String> profiles() {
    List<String> names = new ArrayList<>();
    send(request("/runs/profiles").GET().build()).forEach(name -> names.add(name.asString()));
    return names;
  }

  /** {@code GET /runs/{id}}. */
  JsonNode status(String runId) {
    return send(request(runPath(runId)).GET().build());
  }

  /** {@code POST /runs/{id}/stop}: the run's status once it ended (or while still stopping after 30 s). */
  JsonNode stop(String runId) {
    return send(request(runPath(runId) + "/stop").timeout(STOP_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private static String runPath(String runId) {
    return "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(15))
        .header("Accept", "application/json, application/problem+json")
        .header("Authorization", "Bearer " + token);
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach loadgen-service at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      throw new Rejected(response.statusCode(), body, request.method() + " " + request.uri().getPath()
          + " answered " + response.statusCode());
    }
    return body;
  }

  private JsonNode parse(String body) {
    try {
      return body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (JacksonException e) {
      return json.createObjectNode().put("detail", body.length() > 300 ? body.substring(0, 300) + " ..." : body);
    }
  }
}
