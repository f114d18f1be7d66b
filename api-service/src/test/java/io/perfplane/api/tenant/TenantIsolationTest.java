package io.perfplane.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.perfplane.api.ApiIntegrationTest;
import io.perfplane.api.ApiResponses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

/**
 * Haunted Hollow must not see anything of Candy Corn Labs. Both demo tenants have "engineering" and "oss-radar",
 * so Candy Corn Labs gets a dashboard only it owns; a foreign slug or login is a 404, never a 403.
 */
class TenantIsolationTest extends ApiIntegrationTest {

  private static final String CANDY_ONLY_SLUG = "candy-vault";

  @BeforeEach
  void candyCornLabsOwnsAPrivateDashboard() {
    long candy = tenantId("Candy Corn Labs");
    jdbc.sql("""
            insert into dashboards (tenant_id, slug, name, layout)
            values (?, ?, 'Candy vault', '{"widgets": [{"type": "latest-activity"}]}')
            on conflict do nothing""")
        .params(candy, CANDY_ONLY_SLUG).update();
    jdbc.sql("""
            insert into dashboard_users (tenant_id, dashboard_id, github_user_id)
            select d.tenant_id, d.id, u.id from dashboards d join github_users u on u.tenant_id = d.tenant_id
            where d.tenant_id = ? and d.slug = ?
            on conflict do nothing""")
        .params(candy, CANDY_ONLY_SLUG).update();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/dashboards/" + CANDY_ONLY_SLUG, "/api/dashboards/" + CANDY_ONLY_SLUG + "/overview",
      "/api/users/pumpkin-pat/activities"})
  void foreignResourcesAreNotFoundForHauntedHollowButVisibleToTheirOwner(String uri) {
    get(CANDY_CORN_KEY, uri).expectStatus().isOk();
    get(HAUNTED_HOLLOW_KEY, uri)
        .expectStatus().isNotFound()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.status").isEqualTo(404);
  }

  @Test
  void dashboardListShowsOnlyTheCallersDashboards() {
    assertThat(slugs(CANDY_CORN_KEY)).contains(CANDY_ONLY_SLUG);
    assertThat(slugs(HAUNTED_HOLLOW_KEY)).containsExactly("engineering", "oss-radar");
  }

  @Test
  void sameSlugResolvesToTheCallersOwnDashboard() {
    List<String> hauntedLogins = logins(tenantId("Haunted Hollow"));
    ApiResponses.Overview overview = get(HAUNTED_HOLLOW_KEY, "/api/dashboards/engineering/overview")
        .expectStatus().isOk()
        .expectBody(ApiResponses.Overview.class).returnResult().getResponseBody();
    assertThat(overview.latest()).isNotEmpty()
        .allSatisfy(activity -> assertThat(hauntedLogins).contains(activity.login()));

    ApiResponses.Detail detail = get(HAUNTED_HOLLOW_KEY, "/api/dashboards/engineering")
        .expectStatus().isOk()
        .expectBody(ApiResponses.Detail.class).returnResult().getResponseBody();
    assertThat(detail.users()).extracting(ApiResponses.User::login).containsExactlyInAnyOrderElementsOf(hauntedLogins);
  }

  private List<String> slugs(String apiKey) {
    return get(apiKey, "/api/dashboards?size=100").expectStatus().isOk()
        .expectBody(ApiResponses.SUMMARY_PAGE).returnResult().getResponseBody()
        .content().stream().map(ApiResponses.Summary::slug).toList();
  }

  private List<String> logins(long tenantId) {
    return jdbc.sql("select login from github_users where tenant_id = ?").param(tenantId)
        .query(String.class).list();
  }
}
