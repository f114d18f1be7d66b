package io.perfplane.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bearer-token contract every secured service keeps, written once: a service's test extends it with
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and whatever its context needs (broker, database), and
 * names one protected request and the scope it requires. Credentials: one static token per {@link Scope}
 * ({@link #staticToken}) and JWTs of a local {@link TestIssuer}, discovered through {@code issuer-uri}.
 */
public abstract class BearerSecurityContract {

  /** Shared by every contract test of the JVM: the services under test discover it once per context. */
  protected static final TestIssuer ISSUER = TestIssuer.start();
  private static final TestIssuer FOREIGN = TestIssuer.start();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort
  private int port;

  /** A request answered 2xx (once the service is ready) to a token carrying {@link #requiredScope()}. */
  protected abstract Call protectedCall();

  /** The scope {@link #protectedCall()} requires. */
  protected abstract Scope requiredScope();

  @DynamicPropertySource
  static void credentials(DynamicPropertyRegistry registry) {
    Scope[] scopes = Scope.values();
    for (int i = 0; i < scopes.length; i++) {
      Scope scope = scopes[i];
      registry.add("perfplane.security.tokens[" + i + "].name", () -> "contract-" + scope.value());
      registry.add("perfplane.security.tokens[" + i + "].token", () -> staticToken(scope));
      registry.add("perfplane.security.tokens[" + i + "].scopes", scope::value);
    }
    registry.add("perfplane.security.jwt.issuer-uri", ISSUER::issuer);
  }

  /** The static token granting {@code scope} alone. */
  public static String staticToken(Scope scope) {
    return "contract-static-" + scope.value().replace(':', '-');
  }

  @Test
  void noTokenIsUnauthorizedWithABearerChallengeAndAProblem() {
    assertUnauthorized(send(protectedCall(), null));
  }

  @Test
  void anUnknownOrMalformedTokenIsUnauthorized() {
    assertUnauthorized(send(protectedCall(), staticToken(requiredScope()) + "x"));
    assertUnauthorized(send(protectedCall(), "not.a.jwt"));
  }

  @Test
  void aStaticTokenWithoutTheScopeIsForbidden() {
    HttpResponse<String> response = send(protectedCall(), staticToken(otherScope()));
    assertForbidden(response);
  }

  @Test
  void aStaticTokenWithTheScopeIsAccepted() {
    assertAccepted(protectedCall(), staticToken(requiredScope()));
  }

  @Test
  void aJwtOfTheIssuerWithTheScopeIsAccepted() {
    assertAccepted(protectedCall(), ISSUER.token(requiredScope().value()));
  }

  @Test
  void aJwtOfTheIssuerWithoutTheScopeIsForbidden() {
    assertForbidden(send(protectedCall(), ISSUER.token(otherScope().value())));
  }

  @Test
  void anExpiredJwtIsUnauthorized() {
    assertUnauthorized(send(protectedCall(), ISSUER.expiredToken(requiredScope().value())));
  }

  @Test
  void aJwtOfAnotherIssuerIsUnauthorized() {
    assertUnauthorized(send(protectedCall(), FOREIGN.token(requiredScope().value())));
    // Signed with the trusted key, but naming an issuer this service does not trust.
    assertUnauthorized(send(protectedCall(), ISSUER.tokenNamingIssuer(FOREIGN.issuer(),
        requiredScope().value())));
  }

  @Test
  void probesAndScrapesAreOpen() {
    assertThat(send(Call.get("/actuator/health/liveness"), null).statusCode()).isEqualTo(200);
    // Present only where metrics export is on (off by default in Spring tests): never behind a token.
    assertThat(send(Call.get("/actuator/prometheus"), null).statusCode()).isNotIn(401, 403);
  }

  private Scope otherScope() {
    return Arrays.stream(Scope.values()).filter(scope -> scope != requiredScope()).findFirst().orElseThrow();
  }

  private static void assertUnauthorized(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer"));
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"status\":401");
  }

  private void assertForbidden(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"status\":403").contains(requiredScope().value());
  }

  /** 2xx, allowing a service that is still warming up (503) up to 30 s. */
  private void assertAccepted(Call call, String token) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> response = send(call, token);
    while (response.statusCode() == 503 && System.nanoTime() < deadline) {
      sleep();
      response = send(call, token);
    }
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(Call call, @Nullable String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()))
        .timeout(Duration.ofSeconds(30))
        .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
    if (call.contentType() != null) {
      request.header("Content-Type", call.contentType());
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * An HTTP request of the contract.
   *
   * @param method the HTTP method
   * @param path the path and query
   * @param contentType the body's type, null without a body
   * @param body the body, null for none
   */
  public record Call(String method, String path, @Nullable String contentType, @Nullable String body) {

    /** {@code GET path}. */
    public static Call get(String path) {
      return new Call("GET", path, null, null);
    }

    /** {@code POST path} with a body. */
    public static Call post(String path, String contentType, String body) {
      return new Call("POST", path, contentType, body);
    }
  }
}
