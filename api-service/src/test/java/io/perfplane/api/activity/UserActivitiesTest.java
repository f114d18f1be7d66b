package io.perfplane.api.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import io.perfplane.api.ApiIntegrationTest;
import io.perfplane.api.ApiResponses;
import org.junit.jupiter.api.Test;

class UserActivitiesTest extends ApiIntegrationTest {

  @Test
  void defaultsToTheLast30DaysNewestFirstAndPagesThroughAllOfThem() {
    long expected = countInDb("pumpkin-pat", NOW.minus(Duration.ofDays(30)), NOW);

    ApiResponses.PageBody<ApiResponses.Activity> first = page("/api/users/pumpkin-pat/activities?size=7");
    assertThat(first.totalElements()).isEqualTo(expected).isPositive();
    assertThat(first.totalPages()).isEqualTo((expected + 6) / 7);
    assertThat(first.content()).hasSize(7)
        .allSatisfy(activity -> assertThat(activity.login()).isEqualTo("pumpkin-pat"))
        .isSortedAccordingTo(Comparator.comparing(ApiResponses.Activity::occurredAt).reversed());

    int last = (int) first.totalPages() - 1;
    ApiResponses.PageBody<ApiResponses.Activity> tail = page("/api/users/pumpkin-pat/activities?size=7&page=" + last);
    assertThat(tail.content()).hasSize((int) (expected - 7L * last));
    assertThat(tail.content().getFirst().occurredAt()).isBeforeOrEqualTo(first.content().getLast().occurredAt());
  }

  @Test
  void fromAndToSelectAHalfOpenInterval() {
    Instant from = NOW.minus(Duration.ofDays(10));
    Instant to = NOW.minus(Duration.ofDays(3));
    List<ApiResponses.Activity> activities = page("/api/users/toffee-tina/activities?size=100&from=" + from + "&to=" + to)
        .content();

    assertThat(activities).hasSize((int) countInDb("toffee-tina", from, to))
        .allSatisfy(activity -> assertThat(activity.occurredAt()).isBetween(from, to.minusNanos(1)));
  }

  @Test
  void fromMustBeBeforeTo() {
    get(CANDY_CORN_KEY, "/api/users/toffee-tina/activities?from=" + NOW + "&to=" + NOW.minusSeconds(1))
        .expectStatus().isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].parameter").isEqualTo("from")
        .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("'from'"));
  }

  private ApiResponses.PageBody<ApiResponses.Activity> page(String uri) {
    return get(CANDY_CORN_KEY, uri).expectStatus().isOk()
        .expectBody(ApiResponses.ACTIVITY_PAGE).returnResult().getResponseBody();
  }

  private long countInDb(String login, Instant from, Instant to) {
    return jdbc.sql("""
            select count(*) from activities a join github_users u on u.id = a.github_user_id
            where u.login = ? and a.occurred_at >= ? and a.occurred_at < ?""")
        .params(login, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
        .query(Long.class).single();
  }
}
