package io.perfplane.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfplane.api.ApiIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class TenantAuthenticationTest extends ApiIntegrationTest {

  @ParameterizedTest
  @ValueSource(strings = {"/api/dashboards", "/api/dashboards/engineering", "/api/dashboards/engineering/overview",
      "/api/users/pumpkin-pat/activities", "/api/no-such-endpoint"})
  void withoutApiKeyEveryApiEndpointAnswers401ProblemJson(String uri) {
    client.get().uri(uri).exchange()
        .expectStatus().isUnauthorized()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-Api-Key\"")
        .expectBody()
        .jsonPath("$.status").isEqualTo(401)
        .jsonPath("$.detail").isEqualTo("Missing X-Api-Key header");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/dashboards", "/api/dashboards/engineering/overview"})
  void unknownApiKeyAnswers401WithoutEchoingTheKey(String uri) {
    String body = new String(get("not-a-real-key-1234", uri)
        .expectStatus().isUnauthorized()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.detail").isEqualTo("Unknown API key")
        .returnResult().getResponseBodyContent());
    assertThat(body).doesNotContain("not-a-real-key-1234");
  }

  @ParameterizedTest
  @ValueSource(strings = {CANDY_CORN_KEY, HAUNTED_HOLLOW_KEY})
  void demoKeysAreAccepted(String apiKey) {
    get(apiKey, "/api/dashboards").expectStatus().isOk();
  }
}
