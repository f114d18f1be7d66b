package io.perfplane.api.github;

import java.time.Instant;

import io.perfplane.api.activity.ActivityKind;

/**
 * A GitHub event translated into an {@code activities} row.
 *
 * @param sourceId GitHub's event id, the idempotency key of the insert
 */
record SyncedActivity(String sourceId, ActivityKind kind, String repo, String title, Instant occurredAt) {
}
