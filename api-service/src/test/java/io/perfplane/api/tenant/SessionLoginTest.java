package io.perfplane.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.perfplane.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/login} and {@code /api/logout} against the real service and database. */
class SessionLoginTest extends ApiIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private record Issued(String token, List<String> setCookie) {
  }

  private Issued login(String apiKey) {
    var result = client.post().uri("/api/login").contentType(MediaType.APPLICATION_JSON)
        .body("{\"apiKey\": \"" + apiKey + "\"}")
        .exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.tokenType").isEqualTo("Bearer")
        .jsonPath("$.expiresIn").isEqualTo(3600)
        .returnResult();
    JsonNode body = JSON.readTree(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8));
    return new Issued(body.get("token").asString(), result.getResponseHeaders().get(HttpHeaders.SET_COOKIE));
  }

  private String dashboards(String header, String value) {
    return new String(client.get().uri("/api/dashboards?page=0&size=50").header(header, value).exchange()
        .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
  }

  @Test
  void aSessionTokenInTheHeaderOrTheCookieActsForTheTenantThatLoggedIn() {
    Issued candy = login(CANDY_CORN_KEY);
    Issued haunted = login(HAUNTED_HOLLOW_KEY);

    assertThat(candy.token()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(haunted.token());
    assertThat(candy.setCookie()).singleElement().asString()
        .startsWith("perfplane_session=" + candy.token() + ";").contains("Path=/api", "HttpOnly", "SameSite=Strict",
            "Max-Age=3600");
    // Each token sees exactly what its tenant's key sees: tenant isolation holds through sessions.
    assertThat(dashboards(HttpHeaders.AUTHORIZATION, "Bearer " + candy.token()))
        .isEqualTo(dashboards("X-Api-Key", CANDY_CORN_KEY));
    assertThat(dashboards(HttpHeaders.AUTHORIZATION, "Bearer " + haunted.token()))
        .isEqualTo(dashboards("X-Api-Key", HAUNTED_HOLLOW_KEY));
    jdbc.sql("""
            insert into dashboards (tenant_id, slug, name, layout) values (?, 'candy-session', 'Candy only', '{}')
            on conflict do nothing""").param(tenantId("Candy Corn Labs")).update();
    client.get().uri("/api/dashboards/candy-session").header(HttpHeaders.AUTHORIZATION, "Bearer " + candy.token())
        .exchange().expectStatus().isOk();
    client.get().uri("/api/dashboards/candy-session").header(HttpHeaders.AUTHORIZATION, "Bearer " + haunted.token())
        .exchange().expectStatus().isNotFound();
    jdbc.sql("delete from dashboards where slug = 'candy-session'").update(); // others count the demo dashboards
    assertThat(dashboards(HttpHeaders.COOKIE, "perfplane_session=" + candy.token()))
        .isEqualTo(dashboards("X-Api-Key", CANDY_CORN_KEY));
  }

  @Test
  void logoutEndsTheSessionAndClearsTheCookie() {
    Issued session = login(CANDY_CORN_KEY);

    client.post().uri("/api/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token()).exchange()
        .expectStatus().isNoContent()
        .expectHeader().value(HttpHeaders.SET_COOKIE, v -> assertThat(v).startsWith("perfplane_session=;")
            .contains("Max-Age=0"));

    client.get().uri("/api/dashboards").header(HttpHeaders.AUTHORIZATION, "Bearer " + session.token()).exchange()
        .expectStatus().isUnauthorized()
        .expectBody().jsonPath("$.detail").isEqualTo("Unknown or expired session token");
    client.post().uri("/api/logout").header(HttpHeaders.COOKIE, "perfplane_session=" + session.token()).exchange()
        .expectStatus().isUnauthorized();
  }

  @Test
  void aWrongKeyAMissingOneOrAnInventedTokenIsRefused() {
    String body = new String(client.post().uri("/api/login").contentType(MediaType.APPLICATION_JSON)
        .body("{\"apiKey\": \"not-a-real-key-1234\"}").exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.detail").isEqualTo("Unknown API key")
        .returnResult().getResponseBodyContent(), StandardCharsets.UTF_8);
    assertThat(body).doesNotContain("not-a-real-key-1234");
    client.post().uri("/api/login").contentType(MediaType.APPLICATION_JSON).body("{}").exchange()
        .expectStatus().isBadRequest();
    client.get().uri("/api/dashboards").header(HttpHeaders.AUTHORIZATION, "Bearer invented").exchange()
        .expectStatus().isUnauthorized();
    client.post().uri("/api/logout").exchange()
        .expectStatus().isUnauthorized()
        .expectBody().jsonPath("$.detail").isEqualTo("Missing X-Api-Key header");
  }
}
