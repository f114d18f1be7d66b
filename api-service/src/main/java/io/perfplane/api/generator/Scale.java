package io.perfplane.api.generator;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How much data to generate. Named scales: {@code 1k} (100 users, 20 dashboards, 500 activities) and {@code 10k}
 * (1,000 / 100 / 5,000); any count can be overridden for a custom scale, e.g. 1,000,000 activities.
 *
 * @param label names the generated tenant ({@code Generated <label>}) and its API key ({@code gen-<label>-key});
 *     lower-case letters, digits and dashes
 * @param users tracked GitHub users, at least 1
 * @param dashboards dashboards, each following up to {@link #USERS_PER_DASHBOARD} users
 * @param activities activities spread over the users and the 30 days before the run's anchor
 */
record Scale(String label, int users, int dashboards, long activities) {

  /** Users on each generated dashboard (fewer if there are fewer users). */
  public static final int USERS_PER_DASHBOARD = 10;

  private static final Map<String, Scale> NAMED = Map.of(
      "1k", new Scale("1k", 100, 20, 500),
      "10k", new Scale("10k", 1_000, 100, 5_000));

  public Scale {
    if (!label.matches("[a-z0-9]+(-[a-z0-9]+)*") || label.length() > 40) {
      throw new IllegalArgumentException("scale label must be lower-case letters, digits and dashes: " + label);
    }
    if (users < 1 || dashboards < 0 || activities < 0) {
      throw new IllegalArgumentException("need users >= 1, dashboards >= 0, activities >= 0");
    }
  }

  /** A named scale, if {@code name} is one ({@code 1k}, {@code 10k}). */
  public static Optional<Scale> named(String name) {
    return Optional.ofNullable(NAMED.get(name.toLowerCase(Locale.ROOT)));
  }

  public String tenantName() {
    return "Generated " + label;
  }

  public String apiKey() {
    return "gen-" + label + "-key";
  }

  int usersPerDashboard() {
    return Math.min(USERS_PER_DASHBOARD, users);
  }
}
