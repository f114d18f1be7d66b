package io.perfplane.api.github;

import java.time.Instant;

/**
 * GitHub refused the request because the rate limit is spent (403 or 429 with {@code X-RateLimit-Remaining: 0}).
 * Not retried (no retry succeeds before {@link #resetAt()}), but recorded by the circuit breaker.
 */
final class GithubRateLimitedException extends RuntimeException {

  private final Instant resetAt;

  GithubRateLimitedException(Instant resetAt) {
    super("GitHub rate limit exhausted until " + resetAt);
    this.resetAt = resetAt;
  }

  /** When GitHub's {@code X-RateLimit-Reset} says the limit refills. */
  Instant resetAt() {
    return resetAt;
  }
}
