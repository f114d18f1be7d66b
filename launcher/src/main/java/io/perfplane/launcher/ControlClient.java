package io.perfplane.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP to the services' REST APIs. */
public final class ControlClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final @Nullable String readToken;

  /** A client whose reads ({@link #poll}, {@link #text}) carry no credential. */
  public ControlClient() {
    this(null);
  }

  /**
   * @param readToken bearer token sent with {@link #poll} and {@link #text} (analyzer and cost views need
   *     {@code runs:read}); null sends none
   */
  public ControlClient(@Nullable String readToken) {
    this.readToken = readToken;
  }

  /** GET; empty on 404. */
  public Optional<JsonNode> get(URI uri, @Nullable String bearerToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    HttpResponse<String> response = send(request.build());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(parse(uri, response));
  }

  /**
   * GET for views that may be briefly unavailable (a service still assigning partitions answers 503): empty on
   * 404, 503 or a failed connection, so pollers simply try again.
   */
  public Optional<JsonNode> poll(URI uri) {
    return poll(uri, null);
  }

  /** {@link #poll(URI)} with {@code Authorization: Bearer <token>} unless the token is null. */
  public Optional<JsonNode> poll(URI uri, @Nullable String bearerToken) {
    HttpResponse<String> response;
    try {
      response = http.send(authorized(HttpRequest.newBuilder(uri), bearerToken).timeout(Duration.ofSeconds(10))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (response.statusCode() == 404 || response.statusCode() == 503) {
      return Optional.empty();
    }
    return Optional.of(parse(uri, response));
  }

  /** GET a document that is not JSON (the analyzer's HTML run report); fails on a non-2xx answer. */
  public String text(URI uri) {
    return text(uri, null);
  }

  /** {@link #text(URI)} with {@code Authorization: Bearer <token>} unless the token is null. */
  public String text(URI uri, @Nullable String bearerToken) {
    HttpResponse<String> response = send(authorized(HttpRequest.newBuilder(uri), bearerToken)
        .timeout(Duration.ofSeconds(30)).GET().build());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(uri + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** POST a JSON body; returns the response body. */
  public JsonNode post(URI uri, String bearerToken, Object body) {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + bearerToken)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    return parse(uri, send(request));
  }

  /**
   * An answer whatever its status, for commands that explain 4xx answers to their user themselves.
   *
   * @param status the HTTP status
   * @param body the body, as text (JSON or problem+json for the analyzer)
   */
  public record Answer(int status, String body) {

    /** Whether the status is 2xx. */
    public boolean ok() {
      return status / 100 == 2;
    }

    /**
     * The body as JSON.
     *
     * @throws IllegalStateException when it is not JSON
     */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (tools.jackson.core.JacksonException e) {
        throw new IllegalStateException("answer " + status + " is not JSON: " + e.getOriginalMessage(), e);
      }
    }

    /**
     * One line for a user: an RFC 9457 problem's {@code detail} (else {@code title}) and its {@code field}, else
     * the status and the start of the body.
     */
    public String problem() {
      try {
        JsonNode node = JSON.readTree(body);
        String text = node.path("detail").asString(node.path("title").asString(""));
        if (!text.isBlank()) {
          String field = node.path("field").asString("");
          return status + ": " + text + (field.isEmpty() || text.contains(field) ? "" : " (field " + field + ")");
        }
      } catch (tools.jackson.core.JacksonException notJson) {
        // falls through to the raw body
      }
      String raw = body.strip().replaceAll("\\s+", " ");
      return status + (raw.isEmpty() ? "" : ": " + (raw.length() > 200 ? raw.substring(0, 200) + "…" : raw));
    }
  }

  /**
   * Sends {@code method} with {@code Authorization: Bearer <token>} (else the read token) and, unless null, a JSON
   * body; returns the answer whatever its status.
   *
   * @throws IllegalStateException when the service cannot be reached
   */
  public Answer exchange(String method, URI uri, @Nullable String bearerToken, @Nullable Object body) {
    HttpRequest.Builder request = authorized(HttpRequest.newBuilder(uri), bearerToken).timeout(Duration.ofSeconds(30));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> response = send(request.build());
    return new Answer(response.statusCode(), response.body());
  }

  /** The call's own token, else the client's read token; no header when both are null. */
  private HttpRequest.Builder authorized(HttpRequest.Builder request, @Nullable String bearerToken) {
    String token = bearerToken != null ? bearerToken : readToken;
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private JsonNode parse(URI uri, HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
