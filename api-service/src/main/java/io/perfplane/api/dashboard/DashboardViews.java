package io.perfplane.api.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;

/** Response bodies of the dashboard endpoints (JSON field names are the record components). */
final class DashboardViews {

  private DashboardViews() {
  }

  /** {@code GET /api/dashboards} item; {@code widgets} is the length of {@code layout.widgets}. */
  record Summary(String slug, String name, int widgets) {
  }

  /** {@code GET /api/dashboards/{slug}}; {@code layout} is the stored JSON document, passed through verbatim. */
  record Detail(String slug, String name, @JsonRawValue String layout, List<User> users) {
  }

  record User(String login, @Nullable String name) {
  }

  /**
   * {@code GET /api/dashboards/{slug}/overview}.
   *
   * @param users number of GitHub users on the dashboard
   * @param activityByKind activities of those users in the 7 days before {@code generatedAt}, every kind present
   * @param latest the 20 most recent activities of those users, newest first
   * @param generatedAt the instant the overview was computed for
   * @param stale {@code true} when the data is older than the sync max-age and GitHub could not refresh it (circuit
   *     breaker open, rate limit spent, upstream failing): the stored data is served instead of an error
   * @param syncedAt when the least recently synced user on the dashboard was last synced from GitHub; {@code null}
   *     if some user never was (e.g. seeded data)
   */
  record Overview(String slug, String name, long users, Map<String, Long> activityByKind, List<Activity> latest,
      Instant generatedAt, boolean stale, @Nullable Instant syncedAt) {
  }

  record Activity(String login, String kind, String repo, String title, Instant occurredAt) {
  }
}
