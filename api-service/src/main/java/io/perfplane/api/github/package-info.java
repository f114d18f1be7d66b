/**
 * The GitHub upstream: a REST client for {@code /users/{login}/events} behind a Resilience4j circuit breaker,
 * retry, rate limiter and bulkhead, and the sync that stores what it returns as activities. When the upstream is
 * unavailable, readers get the last stored data flagged stale instead of an error.
 */
@NullMarked
package io.perfplane.api.github;

import org.jspecify.annotations.NullMarked;
