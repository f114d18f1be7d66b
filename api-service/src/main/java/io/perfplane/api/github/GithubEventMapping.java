package io.perfplane.api.github;

import java.util.Locale;
import java.util.Optional;

import io.perfplane.api.activity.ActivityKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which GitHub event types become activities, and how they read. Event types outside the activity kinds (stars,
 * forks, releases...) are skipped rather than forced into a kind.
 */
final class GithubEventMapping {

  private GithubEventMapping() {
  }

  static Optional<SyncedActivity> toActivity(GithubEvent event) {
    @Nullable JsonNode payload = event.payload();
    return Optional.ofNullable(switch (event.type()) {
      case "PushEvent" -> activity(event, ActivityKind.PUSH, pushTitle(payload));
      case "PullRequestEvent" -> activity(event, ActivityKind.PULL_REQUEST,
          action(payload, "opened") + " pull request" + number(payload, "pull_request"));
      case "PullRequestReviewEvent" -> activity(event, ActivityKind.REVIEW,
          "Reviewed pull request" + number(payload, "pull_request"));
      case "IssuesEvent" -> activity(event, ActivityKind.ISSUE,
          action(payload, "opened") + " issue" + number(payload, "issue"));
      case "IssueCommentEvent" -> activity(event, ActivityKind.COMMENT, "Commented on" + number(payload, "issue"));
      case "PullRequestReviewCommentEvent" -> activity(event, ActivityKind.COMMENT,
          "Commented on" + number(payload, "pull_request"));
      default -> null;
    });
  }

  private static SyncedActivity activity(GithubEvent event, ActivityKind kind, String title) {
    return new SyncedActivity(event.id(), kind, event.repo().name(), title, event.created_at());
  }

  private static String pushTitle(@Nullable JsonNode payload) {
    String ref = text(payload, "ref");
    String branch = ref == null ? "" : " to " + ref.substring(ref.lastIndexOf('/') + 1);
    // "size" is the number of commits in the push; newer payloads may omit it.
    if (payload == null || !payload.path("size").isNumber()) {
      return "Pushed" + branch;
    }
    int commits = payload.path("size").asInt();
    return "Pushed " + commits + (commits == 1 ? " commit" : " commits") + branch;
  }

  /** {@code opened} becomes {@code Opened}; GitHub's actions are lower-case words. */
  private static String action(@Nullable JsonNode payload, String fallback) {
    String action = text(payload, "action");
    String word = action == null || action.isEmpty() ? fallback : action;
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }

  /** {@code " #42"} from {@code payload.number} or {@code payload.<object>.number}; empty if neither. */
  private static String number(@Nullable JsonNode payload, String object) {
    if (payload == null) {
      return "";
    }
    JsonNode number = payload.path("number").isNumber() ? payload.path("number") : payload.path(object).path("number");
    return number.isNumber() ? " #" + number.asLong() : "";
  }

  private static @Nullable String text(@Nullable JsonNode payload, String field) {
    if (payload == null || !payload.path(field).isString()) {
      return null;
    }
    return payload.path(field).asString();
  }
}
