package io.perfplane.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.perfplane.api.ApiIntegrationTest;
import io.perfplane.api.ApiResponses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/dashboards} end to end: JPA write, SQL read-back, problem+json naming the field. */
class DashboardWritesTest extends ApiIntegrationTest {

  @AfterEach
  void removeCreatedDashboards() {
    jdbc.sql("delete from dashboards where slug like 'w-%'").update();
  }

  @Test
  void createsADashboardReadableThroughTheReadPaths() {
    ApiResponses.Detail created = post(CANDY_CORN_KEY, """
        {"slug": "w-release", "name": "Release crew",
         "layout": {"columns": 1, "widgets": [{"type": "latest-activity"}]},
         "users": ["toffee-tina", "pumpkin-pat"]}""")
        .expectStatus().isCreated()
        .expectHeader().valueEquals("Location", "/api/dashboards/w-release")
        .expectBody(ApiResponses.Detail.class).returnResult().getResponseBody();

    assertThat(created.slug()).isEqualTo("w-release");
    assertThat(created.users()).extracting(ApiResponses.User::login).containsExactly("pumpkin-pat", "toffee-tina");
    assertThat(created.layout().at("/widgets/0/type").asString()).isEqualTo("latest-activity");
    ApiResponses.Overview overview = get(CANDY_CORN_KEY, "/api/dashboards/w-release/overview")
        .expectStatus().isOk().expectBody(ApiResponses.Overview.class).returnResult().getResponseBody();
    assertThat(overview.users()).isEqualTo(2);
    assertThat(overview.latest()).isNotEmpty()
        .allSatisfy(activity -> assertThat(activity.login()).isIn("pumpkin-pat", "toffee-tina"));
  }

  @Test
  void anotherTenantCanNeitherSeeItNorUseItsUsers() {
    post(CANDY_CORN_KEY, "{\"slug\": \"w-private\", \"name\": \"Private\"}").expectStatus().isCreated();

    get(HAUNTED_HOLLOW_KEY, "/api/dashboards/w-private").expectStatus().isNotFound();
    get(HAUNTED_HOLLOW_KEY, "/api/dashboards/w-private/overview").expectStatus().isNotFound();
    // Haunted Hollow may use the same slug: slugs are per tenant.
    post(HAUNTED_HOLLOW_KEY, "{\"slug\": \"w-private\", \"name\": \"Ours\"}").expectStatus().isCreated();
    // Candy Corn's user is unknown to Haunted Hollow, exactly like a login that does not exist.
    JsonNode problem = post(HAUNTED_HOLLOW_KEY, "{\"slug\": \"w-steal\", \"name\": \"x\", \"users\": [\"pumpkin-pat\"]}")
        .expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody();
    assertThat(problem.at("/errors/0/field").asString()).isEqualTo("users");
    assertThat(problem.at("/errors/0/message").asString()).isEqualTo("unknown GitHub user 'pumpkin-pat'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"slug\": \"W Bad\", \"name\": \"x\"}                               | slug",
      "{\"name\": \"x\"}                                                    | slug",
      "{\"slug\": \"w-noname\", \"name\": \" \"}                            | name",
      "{\"slug\": \"w-layout\", \"name\": \"x\", \"layout\": [1]}           | layout",
      "{\"slug\": \"w-widgets\", \"name\": \"x\", \"layout\": {\"widgets\": 1}} | layout.widgets",
      "{\"slug\": \"w-ghost\", \"name\": \"x\", \"users\": [\"nobody\"]}    | users",
      "{\"slug\": \"w-twice\", \"name\": \"x\", \"users\": [\"maze-marco\", \"maze-marco\"]} | users"})
  void invalidInputIs400ProblemJsonNamingTheField(String body, String field) {
    JsonNode problem = post(CANDY_CORN_KEY, body)
        .expectStatus().isBadRequest()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody(JsonNode.class).returnResult().getResponseBody();

    assertThat(problem.at("/errors/0/field").asString()).isEqualTo(field);
    assertThat(problem.at("/detail").asString()).contains("'" + field + "'");
    assertThat(jdbc.sql("select count(*) from dashboards where slug like 'w-%'").query(Long.class).single()).isZero();
  }

  @Test
  void aTakenSlugIs409NamingTheSlug() {
    JsonNode problem = post(CANDY_CORN_KEY, "{\"slug\": \"engineering\", \"name\": \"Again\"}")
        .expectStatus().isEqualTo(409)
        .expectBody(JsonNode.class).returnResult().getResponseBody();

    assertThat(problem.at("/errors/0/field").asString()).isEqualTo("slug");
  }

  @Test
  void writingNeedsAnApiKey() {
    client.post().uri("/api/dashboards").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("slug", "w-anon", "name", "x", "users", List.of()))
        .exchange()
        .expectStatus().isUnauthorized();
  }

  private RestTestClient.ResponseSpec post(String apiKey, String json) {
    return client.post().uri("/api/dashboards")
        .header("X-Api-Key", apiKey)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json)
        .exchange();
  }
}
