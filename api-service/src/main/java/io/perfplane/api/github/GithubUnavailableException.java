package io.perfplane.api.github;

/**
 * GitHub did not answer usefully: a 5xx, a timeout or a broken connection. Retried with backoff, and recorded as
 * a failure by the circuit breaker.
 */
final class GithubUnavailableException extends RuntimeException {

  GithubUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  GithubUnavailableException(String message) {
    super(message);
  }
}
