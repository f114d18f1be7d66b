package io.perfplane.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfplane.api.ApiIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class UserSearchTest extends ApiIntegrationTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "TOFF   | toffee-tina",
      "marco  | maze-marco",
      "Lou Li | licorice-lou",
      "%      | ''",
      "ghost  | ''"})
  void findsTheTenantsUsersByLoginOrNameSubstring(String query, String expectedLogins) {
    JsonNode page = get(CANDY_CORN_KEY, "/api/users?q={q}", query)
        .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

    // "ghost" matches Haunted Hollow's ghostly-gail, which Candy Corn must not see; "%" is literal, not a wildcard.
    assertThat(page.path("content")).extracting(user -> user.path("login").asString())
        .containsExactly(expectedLogins.isEmpty() ? new String[0] : expectedLogins.split(","));
  }

  @org.junit.jupiter.api.Test
  void likeWildcardsAreEscaped() {
    assertThat(UserSearchRepository.containsPattern("50%_a\\b")).isEqualTo("%50\\%\\_a\\\\b%");
  }
}
