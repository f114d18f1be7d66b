package io.perfplane.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.JsonNode;

/** The REST contract as a client sees it: response bodies decoded independently of the production records. */
public final class ApiResponses {

  private ApiResponses() {
  }

  public record PageBody<T>(List<T> content, int page, int size, long totalElements, long totalPages) {
  }

  public record Summary(String slug, String name, int widgets) {
  }

  public record User(String login, String name) {
  }

  public record Detail(String slug, String name, JsonNode layout, List<User> users) {
  }

  public record Activity(String login, String kind, String repo, String title, Instant occurredAt) {
  }

  public record Overview(String slug, String name, long users, Map<String, Long> activityByKind,
      List<Activity> latest, Instant generatedAt, boolean stale, @Nullable Instant syncedAt) {
  }

  public static final ParameterizedTypeReference<PageBody<Summary>> SUMMARY_PAGE = new ParameterizedTypeReference<>() {
  };
  public static final ParameterizedTypeReference<PageBody<Activity>> ACTIVITY_PAGE =
      new ParameterizedTypeReference<>() {
      };
}
