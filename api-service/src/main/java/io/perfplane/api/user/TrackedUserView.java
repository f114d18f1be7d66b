package io.perfplane.api.user;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/users} item.
 *
 * @param syncedAt last successful sync from GitHub; {@code null} if never synced
 */
record TrackedUserView(String login, @Nullable String name, @Nullable Instant syncedAt) {
}
