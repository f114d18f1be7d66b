package io.perfplane.loadgen.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain JDK HTTP client for the control API of the service under test. */
final class ControlClient {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final String baseUrl;

  ControlClient(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /**
   * One response.
   *
   * @param status HTTP status
   * @param contentType Content-Type header, "" if absent
   * @param location Location header, "" if absent
   * @param wwwAuthenticate WWW-Authenticate header, "" if absent
   * @param body raw body
   */
  record Response(int status, String contentType, String location, String wwwAuthenticate, String body) {

    JsonNode json() {
      return JsonMapper.builder().build().readTree(body);
    }
  }

  Response get(String path, @Nullable String authorization) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), authorization);
  }

  Response post(String path, @Nullable String body, @Nullable String authorization)
      throws IOException, InterruptedException {
    return post(path, body, "application/json", authorization);
  }

  Response post(String path, @Nullable String body, String contentType, @Nullable String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder, authorization);
  }

  Response postJson(String path, Object body) throws IOException, InterruptedException {
    return post(path, json.writeValueAsString(body), bearer());
  }

  static String bearer() {
    return "Bearer " + LoadgenSpringTest.TOKEN;
  }

  private Response send(HttpRequest.Builder builder, @Nullable String authorization)
      throws IOException, InterruptedException {
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Location").orElse(""),
        response.headers().firstValue("WWW-Authenticate").orElse(""), response.body());
  }
}
