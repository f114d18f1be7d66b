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
   */
  record Overview(String slug, String name, long users, Map<String, Long> activityByKind, List<Activity> latest,
      Instant generatedAt) {
  }

  record Activity(String login, String kind, String repo, String title, Instant occurredAt) {
  }
}
