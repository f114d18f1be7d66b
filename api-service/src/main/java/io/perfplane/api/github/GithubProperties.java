package io.perfplane.api.github;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code perfplane.api.github.*}: where the GitHub REST API is and how eagerly to sync from it.
 *
 * @param baseUrl root of the GitHub REST API; tests point it at a local fake
 * @param token personal access token sent as {@code Authorization: Bearer}; optional (60 unauthenticated
 *     requests/hour), never logged
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time to wait for the response; a slower upstream counts as unavailable
 * @param syncOnRead refresh a dashboard's users from GitHub when its overview is read and their data is older
 *     than {@code maxAge}; off by default so local runs and benchmarks never leave the machine
 * @param maxAge how old synced data may be before a read refreshes it, and before it is reported stale
 * @param eventsPerPage {@code per_page} of the events request (GitHub caps it at 100)
 */
@ConfigurationProperties("perfplane.api.github")
record GithubProperties(
    @DefaultValue("https://api.github.com") URI baseUrl,
    @Nullable String token,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("5s") Duration readTimeout,
    @DefaultValue("false") boolean syncOnRead,
    @DefaultValue("5m") Duration maxAge,
    @DefaultValue("100") int eventsPerPage) {

  @Override
  public String toString() {
    // The token is a secret: keep it out of logs and actuator output.
    return "GithubProperties[baseUrl=" + baseUrl + ", token=" + (token == null ? "none" : "***")
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", syncOnRead=" + syncOnRead
        + ", maxAge=" + maxAge + ", eventsPerPage=" + eventsPerPage + "]";
  }
}
