package io.perfplane.api.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.perfplane.api.activity.ActivityKind;
import io.perfplane.api.tenant.Plan;

/**
 * The demo tenants, generated deterministically: the same seed and clock always give the same rows, so load-test
 * results are comparable between runs. Timestamps fall in the {@link #ACTIVITY_SPAN} before the clock's instant.
 */
final class DemoDataset {

  static final Duration ACTIVITY_SPAN = Duration.ofDays(30);
  static final int ACTIVITIES_PER_TENANT = 200;

  record Tenant(String name, Plan plan, String apiKey, List<User> users, List<Dashboard> dashboards,
      List<Activity> activities) {
  }

  record User(String login, String name) {

    String avatarUrl() {
      return "https://avatars.githubusercontent.com/" + login;
    }
  }

  /** @param layout JSON document stored in {@code dashboards.layout} */
  record Dashboard(String slug, String name, String layout, List<String> logins) {
  }

  /** @param sourceId stable id making the insert idempotent */
  record Activity(String sourceId, String login, ActivityKind kind, String repo, String title,
      Instant occurredAt) {
  }

  private static final String ENGINEERING_LAYOUT = """
      {"columns": 2, "widgets": [
        {"type": "activity-by-kind", "title": "Last 7 days"},
        {"type": "latest-activity", "title": "Latest"},
        {"type": "contributors", "title": "Team"}]}""";
  private static final String OSS_RADAR_LAYOUT = """
      {"columns": 1, "widgets": [
        {"type": "latest-activity", "title": "Upstream"},
        {"type": "activity-by-kind", "title": "Upstream mix"}]}""";

  // Cumulative weights: pushes dominate, as on real GitHub feeds.
  private static final ActivityKind[] KINDS = ActivityKind.values();
  private static final int[] KIND_WEIGHTS = {40, 20, 15, 10, 15};

  private DemoDataset() {
  }

  static List<Tenant> generate(Clock clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return List.of(
        tenant("Candy Corn Labs", Plan.BASIC, "ccl-demo-key", "ccl", 0xCA11D1L, now,
            List.of(new User("pumpkin-pat", "Pat Pumpkin"), new User("toffee-tina", "Tina Toffee"),
                new User("licorice-lou", "Lou Licorice"), new User("maze-marco", "Marco Maze")),
            List.of("candy-corn-labs/sweets-api", "candy-corn-labs/wrapper-ui", "spring-projects/spring-boot")),
        tenant("Haunted Hollow", Plan.PREMIUM, "hh-demo-key", "hh", 0x600571L, now,
            List.of(new User("ghostly-gail", "Gail Ghostly"), new User("banshee-bob", "Bob Banshee"),
                new User("wraith-wanda", "Wanda Wraith"), new User("spectre-sam", "Sam Spectre"),
                new User("poltergeist-pia", "Pia Poltergeist")),
            List.of("haunted-hollow/crypt-store", "haunted-hollow/lantern", "apache/kafka")));
  }

  private static Tenant tenant(String name, Plan plan, String apiKey, String sourcePrefix, long seed, Instant now,
      List<User> users, List<String> repos) {
    List<String> logins = users.stream().map(User::login).toList();
    List<Dashboard> dashboards = List.of(
        new Dashboard("engineering", "Engineering", ENGINEERING_LAYOUT, logins),
        // The OSS radar follows only part of the team, so the two overviews differ.
        new Dashboard("oss-radar", "OSS radar", OSS_RADAR_LAYOUT, logins.subList(0, 2)));
    Random random = new Random(seed);
    long spanSeconds = ACTIVITY_SPAN.toSeconds();
    List<Activity> activities = new ArrayList<>(ACTIVITIES_PER_TENANT);
    for (int i = 0; i < ACTIVITIES_PER_TENANT; i++) {
      String login = logins.get(random.nextInt(logins.size()));
      ActivityKind kind = pickKind(random.nextInt(100));
      String repo = repos.get(random.nextInt(repos.size()));
      // (0, span] seconds ago: strictly in the past, never before the span.
      Instant occurredAt = now.minusSeconds(1 + random.nextLong(spanSeconds));
      activities.add(new Activity(sourcePrefix + "-" + i, login, kind, repo, title(kind, random.nextInt(900) + 100),
          occurredAt));
    }
    return new Tenant(name, plan, apiKey, users, dashboards, List.copyOf(activities));
  }

  private static ActivityKind pickKind(int roll) {
    int bound = 0;
    for (int i = 0; i < KINDS.length; i++) {
      bound += KIND_WEIGHTS[i];
      if (roll < bound) {
        return KINDS[i];
      }
    }
    throw new IllegalStateException("weights must add up to 100");
  }

  private static String title(ActivityKind kind, int number) {
    return switch (kind) {
      case PUSH -> number % 7 == 0 ? "Pushed 1 commit to main" : "Pushed " + (number % 7 + 1) + " commits to main";
      case PULL_REQUEST -> "Opened pull request #" + number;
      case REVIEW -> "Reviewed pull request #" + number;
      case ISSUE -> "Opened issue #" + number;
      case COMMENT -> "Commented on #" + number;
    };
  }
}
