package io.perfplane.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.perfplane.api.ApiIntegrationTest;
import io.perfplane.api.ApiResponses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Response content checked against what the database holds, queried here independently of the service. */
class DashboardEndpointsTest extends ApiIntegrationTest {

  /** An activity row as the test reads it straight from the tables. */
  record Row(long id, String login, String kind, String repo, String title, Instant occurredAt) {
  }

  @ParameterizedTest
  @ValueSource(strings = {"engineering", "oss-radar"})
  void overviewMatchesTheDatabase(String slug) {
    ApiResponses.Overview overview = get(CANDY_CORN_KEY, "/api/dashboards/{slug}/overview", slug)
        .expectStatus().isOk()
        .expectBody(ApiResponses.Overview.class).returnResult().getResponseBody();

    List<Row> rows = activitiesOnDashboard("Candy Corn Labs", slug);
    Instant weekAgo = NOW.minus(Duration.ofDays(7));
    Map<String, Long> expectedByKind = new TreeMap<>(Map.of(
        "push", 0L, "pull_request", 0L, "review", 0L, "issue", 0L, "comment", 0L));
    expectedByKind.putAll(rows.stream().filter(row -> !row.occurredAt().isBefore(weekAgo))
        .collect(Collectors.groupingBy(Row::kind, Collectors.counting())));
    List<ApiResponses.Activity> expectedLatest = rows.stream()
        .sorted(Comparator.comparing(Row::occurredAt).thenComparing(Row::id).reversed())
        .limit(20)
        .map(row -> new ApiResponses.Activity(row.login(), row.kind(), row.repo(), row.title(), row.occurredAt()))
        .toList();

    assertThat(overview.slug()).isEqualTo(slug);
    assertThat(overview.name()).isEqualTo(jdbc.sql("""
            select d.name from dashboards d join tenants t on t.id = d.tenant_id
            where t.name = 'Candy Corn Labs' and d.slug = ?""")
        .param(slug).query(String.class).single());
    assertThat(overview.users()).isEqualTo(usersOnDashboard("Candy Corn Labs", slug).size()).isPositive();
    assertThat(new TreeMap<>(overview.activityByKind())).isEqualTo(expectedByKind);
    // Guards against a vacuous pass: the seeded week has activity, and some of it is outside the 7-day window.
    assertThat(expectedByKind.values().stream().mapToLong(Long::longValue).sum()).isPositive().isLessThan(rows.size());
    assertThat(overview.latest()).hasSize(20).isEqualTo(expectedLatest);
    assertThat(overview.generatedAt()).isEqualTo(NOW);
  }

  @Test
  void listShowsTheTenantsDashboardsWithWidgetCounts() {
    ApiResponses.PageBody<ApiResponses.Summary> page = get(HAUNTED_HOLLOW_KEY, "/api/dashboards")
        .expectStatus().isOk()
        .expectBody(ApiResponses.SUMMARY_PAGE).returnResult().getResponseBody();

    Map<String, Integer> expectedWidgets = jdbc.sql("""
            select d.slug, jsonb_array_length(d.layout -> 'widgets') as widgets
            from dashboards d join tenants t on t.id = d.tenant_id where t.name = 'Haunted Hollow'""")
        .query((rs, n) -> Map.entry(rs.getString("slug"), rs.getInt("widgets"))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(page.content()).extracting(ApiResponses.Summary::slug).containsExactly("engineering", "oss-radar");
    assertThat(page.content()).allSatisfy(summary ->
        assertThat(summary.widgets()).isEqualTo(expectedWidgets.get(summary.slug())).isPositive());
    assertThat(page.totalElements()).isEqualTo(2);
    assertThat(page.totalPages()).isEqualTo(1);
  }

  @Test
  void detailCarriesLayoutAndUsers() {
    ApiResponses.Detail detail = get(CANDY_CORN_KEY, "/api/dashboards/oss-radar")
        .expectStatus().isOk()
        .expectBody(ApiResponses.Detail.class).returnResult().getResponseBody();

    assertThat(detail.slug()).isEqualTo("oss-radar");
    assertThat(detail.layout().get("widgets").isArray()).isTrue();
    assertThat(detail.layout().get("widgets").size()).isEqualTo(2);
    assertThat(detail.users()).extracting(ApiResponses.User::login)
        .containsExactlyElementsOf(usersOnDashboard("Candy Corn Labs", "oss-radar"));
    assertThat(detail.users()).allSatisfy(user -> assertThat(user.name()).isNotBlank());
  }

  @Test
  void unknownSlugIsNotFound() {
    get(CANDY_CORN_KEY, "/api/dashboards/no-such-dashboard").expectStatus().isNotFound()
        .expectBody().jsonPath("$.detail").isEqualTo("No dashboard 'no-such-dashboard'");
  }

  private List<Row> activitiesOnDashboard(String tenant, String slug) {
    return jdbc.sql("""
            select a.id, u.login, a.kind, a.repo, a.title, a.occurred_at
            from tenants t
            join dashboards d on d.tenant_id = t.id
            join dashboard_users du on du.dashboard_id = d.id
            join github_users u on u.id = du.github_user_id
            join activities a on a.github_user_id = u.id
            where t.name = ? and d.slug = ?""")
        .params(tenant, slug)
        .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("login"), rs.getString("kind"),
            rs.getString("repo"), rs.getString("title"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private List<String> usersOnDashboard(String tenant, String slug) {
    return jdbc.sql("""
            select u.login from tenants t
            join dashboards d on d.tenant_id = t.id
            join dashboard_users du on du.dashboard_id = d.id
            join github_users u on u.id = du.github_user_id
            where t.name = ? and d.slug = ? order by u.login""")
        .params(tenant, slug).query(String.class).list();
  }
}
