package io.perfplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;

/**
 * N+1 guard: the number of SQL statements a request prepares is fixed by the endpoint, not by how many users,
 * activities or dashboards it returns. Each pair below differs in result size (5 vs 2 users, 1 vs 2 dashboards).
 * Counts are taken once the API key has been resolved, as on every request of a busy client: the tenant lookup is
 * then served by the tenant cache ({@code TenantCacheTest} covers when it is issued).
 */
class StatementCountTest extends ApiIntegrationTest {

  @ParameterizedTest
  @CsvSource({
      "/api/dashboards/engineering/overview, 3",
      "/api/dashboards/oss-radar/overview, 3",
      "/api/dashboards/engineering, 2",
      "/api/dashboards/oss-radar, 2",
      "/api/dashboards?size=1, 2",
      "/api/dashboards?size=2, 2",
      "/api/users/pumpkin-pat/activities?size=1, 3",
      "/api/users/pumpkin-pat/activities?size=50, 3",
      "/api/users?q=t, 2"})
  void restEndpointsPrepareAFixedNumberOfStatements(String uri, int statements) {
    resolveApiKey();
    SqlStatementCounter.reset();

    get(CANDY_CORN_KEY, uri).expectStatus().isOk();

    assertThat(SqlStatementCounter.count()).isEqualTo(statements);
  }

  @Test
  void graphqlBatchesUsersOfAllDashboardsIntoOneStatement() {
    assertThat(graphqlStatements(1)).isEqualTo(graphqlStatements(2)).isEqualTo(3);
  }

  private void resolveApiKey() {
    get(CANDY_CORN_KEY, "/api/dashboards?size=1").expectStatus().isOk();
  }

  private int graphqlStatements(int dashboards) {
    resolveApiKey();
    SqlStatementCounter.reset();
    client.post().uri("/api/graphql")
        .header("X-Api-Key", CANDY_CORN_KEY)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("query", "{ dashboards(size: " + dashboards + ") { content { slug users { login name } } } }"))
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.data.dashboards.content.length()").isEqualTo(dashboards);
    return SqlStatementCounter.count();
  }
}
