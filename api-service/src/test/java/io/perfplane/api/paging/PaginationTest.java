package io.perfplane.api.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfplane.api.ApiIntegrationTest;
import io.perfplane.api.ApiResponses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;

class PaginationTest extends ApiIntegrationTest {

  @ParameterizedTest
  @CsvSource({
      "/api/dashboards?size=101, size",
      "/api/dashboards?size=0, size",
      "/api/dashboards?page=-1, page",
      "/api/dashboards?size=lots, size",
      "/api/users/pumpkin-pat/activities?size=500, size",
      "/api/users/pumpkin-pat/activities?page=x, page",
      "/api/users/pumpkin-pat/activities?from=yesterday, from"})
  void invalidParameterIs400ProblemNamingIt(String uri, String parameter) {
    get(CANDY_CORN_KEY, uri)
        .expectStatus().isBadRequest()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status").isEqualTo(400)
        .jsonPath("$.errors[0].parameter").isEqualTo(parameter)
        .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("'" + parameter + "'"));
  }

  @ParameterizedTest
  @CsvSource({"0, engineering", "1, oss-radar"})
  void pagesOfOneWalkTheListInSlugOrder(int page, String expected) {
    ApiResponses.PageBody<ApiResponses.Summary> body = get(HAUNTED_HOLLOW_KEY, "/api/dashboards?size=1&page=" + page)
        .expectStatus().isOk()
        .expectBody(ApiResponses.SUMMARY_PAGE).returnResult().getResponseBody();

    assertThat(body.content()).extracting(ApiResponses.Summary::slug).containsExactly(expected);
    assertThat(body.page()).isEqualTo(page);
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.totalElements()).isEqualTo(2);
    assertThat(body.totalPages()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({"100", "1"})
  void sizeBoundsAreInclusive(int size) {
    get(HAUNTED_HOLLOW_KEY, "/api/dashboards?size=" + size).expectStatus().isOk();
  }
}
