package io.perfplane.api.github;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One item of GitHub's {@code GET /users/{login}/events}, reduced to the fields the sync reads (the JSON
 * property names are GitHub's).
 *
 * @param id GitHub's event id, unique across GitHub
 * @param type e.g. {@code PushEvent}, {@code PullRequestEvent}
 * @param payload type-specific details; may be absent
 */
record GithubEvent(String id, String type, Repo repo, @Nullable JsonNode payload, Instant created_at) {

  /** @param name {@code owner/name} */
  record Repo(String name) {
  }
}
