package io.perfplane.api.github;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's GitHub user as the sync sees it.
 *
 * @param syncedAt end of the last successful sync; {@code null} if never synced
 */
record TrackedUser(long id, long tenantId, String login, @Nullable Instant syncedAt) {
}
