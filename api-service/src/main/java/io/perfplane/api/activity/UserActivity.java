package io.perfplane.api.activity;

import java.time.Instant;

/**
 * One activity of a user, as returned by {@code GET /api/users/{login}/activities}.
 *
 * @param kind {@link ActivityKind#value()}
 * @param occurredAt when it happened (ISO-8601 UTC)
 */
record UserActivity(String login, String kind, String repo, String title, Instant occurredAt) {
}
