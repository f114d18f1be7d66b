package io.perfplane.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.perfplane.api.ApiIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/graphql} over real HTTP: the same domain, tenancy and validation as REST. */
class GraphqlApiTest extends ApiIntegrationTest {

  @AfterEach
  void removeCreatedDashboards() {
    jdbc.sql("delete from dashboards where slug like 'g-%'").update();
  }

  @Test
  void dashboardsWithUsersArePagedAndScopedToTheTenant() {
    JsonNode data = graphql(HAUNTED_HOLLOW_KEY, """
        { dashboards(page: 0, size: 1) { totalElements totalPages content { slug widgets users { login } } } }""",
        null).path("data").path("dashboards");

    assertThat(data.path("totalElements").asInt()).isEqualTo(2);
    assertThat(data.path("totalPages").asInt()).isEqualTo(2);
    assertThat(data.at("/content/0/slug").asString()).isEqualTo("engineering");
    assertThat(data.at("/content/0/widgets").asInt()).isEqualTo(3);
    assertThat(data.at("/content/0/users")).extracting(user -> user.path("login").asString())
        .containsExactly("banshee-bob", "ghostly-gail", "poltergeist-pia", "spectre-sam", "wraith-wanda");
  }

  @Test
  void createDashboardMutationWritesThroughTheSameRules() {
    JsonNode created = graphql(CANDY_CORN_KEY, """
        mutation($input: CreateDashboardInput!) { createDashboard(input: $input) { slug name widgets users { login } } }""",
        Map.of("input", Map.of("slug", "g-night-shift", "name", "Night shift",
            "layout", "{\"widgets\": [{\"type\": \"latest-activity\"}]}", "users", java.util.List.of("maze-marco"))));

    assertThat(created.path("errors").isMissingNode()).isTrue();
    assertThat(created.at("/data/createDashboard/widgets").asInt()).isEqualTo(1);
    assertThat(created.at("/data/createDashboard/users/0/login").asString()).isEqualTo("maze-marco");
    get(CANDY_CORN_KEY, "/api/dashboards/g-night-shift").expectStatus().isOk();
    get(HAUNTED_HOLLOW_KEY, "/api/dashboards/g-night-shift").expectStatus().isNotFound();
    assertThat(graphql(HAUNTED_HOLLOW_KEY, "{ dashboard(slug: \"g-night-shift\") { slug } }", null)
        .at("/data/dashboard").isNull()).isTrue();
  }

  @Test
  void invalidMutationInputIsABadRequestErrorNamingTheField() {
    JsonNode response = graphql(CANDY_CORN_KEY, """
        mutation { createDashboard(input: {slug: "g-bad", name: "x", layout: "not json"}) { slug } }""", null);

    assertThat(response.at("/errors/0/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
    assertThat(response.at("/errors/0/extensions/field").asString()).isEqualTo("layout");
    assertThat(jdbc.sql("select count(*) from dashboards where slug = 'g-bad'").query(Long.class).single()).isZero();
  }

  @Test
  void userActivitiesOfAnotherTenantsUserAreNotFound() {
    JsonNode own = graphql(CANDY_CORN_KEY,
        "{ userActivities(login: \"maze-marco\", size: 5) { totalElements content { login kind occurredAt } } }", null);
    JsonNode foreign = graphql(HAUNTED_HOLLOW_KEY,
        "{ userActivities(login: \"maze-marco\") { totalElements } }", null);

    assertThat(own.at("/data/userActivities/content")).hasSize(5)
        .allSatisfy(activity -> assertThat(activity.path("login").asString()).isEqualTo("maze-marco"));
    assertThat(foreign.at("/errors/0/extensions/classification").asString()).isEqualTo("NOT_FOUND");
  }

  @Test
  void graphqlNeedsAnApiKey() {
    client.post().uri("/api/graphql").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("query", "{ dashboards { totalElements } }"))
        .exchange()
        .expectStatus().isUnauthorized();
  }

  private JsonNode graphql(String apiKey, String query, @Nullable Map<String, Object> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    if (variables != null) {
      body.put("variables", variables);
    }
    return client.post().uri("/api/graphql")
        .header("X-Api-Key", apiKey)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .exchange()
        .expectStatus().isOk()
        .expectBody(JsonNode.class).returnResult().getResponseBody();
  }
}
