package io.perfplane.api.github;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.github.resilience4j.bulkhead.annotation.Bulkhead;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.ratelimiter.annotation.RateLimiter;
import io.github.resilience4j.retry.annotation.Retry;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * GitHub's {@code GET /users/{login}/events}, the first page (up to {@code eventsPerPage} most recent events).
 *
 * <p>Resilience4j's aspects nest as Retry(CircuitBreaker(RateLimiter(Bulkhead(call)))): a retried attempt is
 * another call the breaker sees, an open breaker fails fast with {@code CallNotPermittedException} (no request
 * leaves the process), and the rate limiter and bulkhead cap what reaches GitHub. The instances are configured
 * under {@code resilience4j.*.instances.github} in application.yml.
 */
@Component
class GithubClient {

  static final String RESILIENCE_NAME = "github";

  private static final ParameterizedTypeReference<List<GithubEvent>> EVENTS = new ParameterizedTypeReference<>() {
  };

  private final RestClient rest;
  private final int eventsPerPage;
  private final Clock clock;

  GithubClient(RestClient.Builder builder, GithubProperties properties, Clock clock) {
    this.clock = clock;
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(properties.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(properties.readTimeout());
    RestClient.Builder configured = builder.clone()
        .baseUrl(properties.baseUrl().toString())
        .requestFactory(requests)
        .defaultHeader(HttpHeaders.ACCEPT, "application/vnd.github+json")
        .defaultHeader("X-GitHub-Api-Version", "2022-11-28")
        .defaultHeader(HttpHeaders.USER_AGENT, "perfplane-api-service");
    if (properties.token() != null && !properties.token().isBlank()) {
      configured.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.token());
    }
    this.rest = configured.build();
    this.eventsPerPage = properties.eventsPerPage();
  }

  /**
   * The most recent public events of {@code login}, newest first.
   *
   * @throws GithubUnavailableException 5xx, timeout or I/O failure (after retries)
   * @throws GithubRateLimitedException the rate limit is spent
   * @throws GithubLoginUnknownException 404
   * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException the breaker is open
   */
  @Retry(name = RESILIENCE_NAME)
  @CircuitBreaker(name = RESILIENCE_NAME)
  @RateLimiter(name = RESILIENCE_NAME)
  @Bulkhead(name = RESILIENCE_NAME)
  List<GithubEvent> userEvents(String login) {
    try {
      List<GithubEvent> events = rest.get()
          .uri("/users/{login}/events?per_page={n}", login, eventsPerPage)
          .retrieve()
          .onStatus(HttpStatusCode::isError, (request, response) -> {
            throw failure(login, response.getStatusCode(), response.getHeaders());
          })
          .body(EVENTS);
      return events == null ? List.of() : events;
    } catch (ResourceAccessException e) {
      // Connect/read timeouts and broken connections.
      throw new GithubUnavailableException("GitHub unreachable: " + e.getMessage(), e);
    } catch (RestClientException e) {
      // A response cut off or unreadable mid-body.
      throw new GithubUnavailableException("GitHub response unusable: " + e.getMessage(), e);
    }
  }

  RuntimeException failure(String login, HttpStatusCode status, HttpHeaders headers) {
    if ((status.value() == HttpStatus.FORBIDDEN.value() || status.value() == HttpStatus.TOO_MANY_REQUESTS.value())
        && "0".equals(headers.getFirst("X-RateLimit-Remaining"))) {
      return new GithubRateLimitedException(resetAt(headers.getFirst("X-RateLimit-Reset")));
    }
    if (status.value() == HttpStatus.NOT_FOUND.value()) {
      return new GithubLoginUnknownException(login);
    }
    return new GithubUnavailableException("GitHub answered " + status.value());
  }

  /** {@code X-RateLimit-Reset} is epoch seconds; without it, assume GitHub's one-hour window. */
  private Instant resetAt(@Nullable String header) {
    if (header != null) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(header.strip()));
      } catch (NumberFormatException e) {
        // fall through to the conservative default
      }
    }
    return clock.instant().plusSeconds(3600);
  }
}
