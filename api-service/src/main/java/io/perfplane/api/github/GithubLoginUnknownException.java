package io.perfplane.api.github;

/**
 * GitHub answered 404 for a login: the account was renamed or deleted. A healthy answer, so neither retried nor
 * held against the circuit breaker.
 */
final class GithubLoginUnknownException extends RuntimeException {

  GithubLoginUnknownException(String login) {
    super("GitHub does not know login '" + login + "'");
  }
}
