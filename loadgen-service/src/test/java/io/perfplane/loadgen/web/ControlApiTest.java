package io.perfplane.loadgen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Authentication, validation and error shapes of the control API, on the real service. */
@LoadgenSpringTest
class ControlApiTest {

  private static final String VALID_PLAN = """
      {"name": "demo", "targetService": "api-service", "targetBaseUrl": "http://127.0.0.1:8081",
       "stages": [{"durationMs": 5000, "targetVus": 5}],
       "requests": [{"name": "GET /", "method": "GET", "path": "/"}]}""";

  @LocalServerPort
  int port;

  private ControlClient client;

  @BeforeEach
  void client() {
    client = new ControlClient(port);
  }

  @Test
  void requestsWithoutTheBearerTokenAreUnauthorizedProblems() throws Exception {
    for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer " + LoadgenSpringTest.TOKEN + "x",
        "Basic " + LoadgenSpringTest.TOKEN, LoadgenSpringTest.TOKEN, "Bearer "}) {
      ControlClient.Response response = client.post("/runs", VALID_PLAN, authorization);

      assertThat(response.status()).as(String.valueOf(authorization)).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.wwwAuthenticate()).startsWith("Bearer");
      assertThat(response.json().get("status").asInt()).isEqualTo(401);
      assertThat(response.body()).doesNotContain(LoadgenSpringTest.TOKEN);
    }
    // Deny by default: reads and unknown paths need the token too, and do not reveal what exists.
    assertThat(client.get("/runs", null).status()).isEqualTo(401);
    assertThat(client.get("/runs/some-run", "Bearer nope").status()).isEqualTo(401);
    assertThat(client.get("/no-such-path", null).status()).isEqualTo(401);
  }

  @Test
  void theSchemeIsCaseInsensitive() throws Exception {
    assertThat(client.get("/runs", "bearer " + LoadgenSpringTest.TOKEN).status()).isEqualTo(200);
  }

  @Test
  void actuatorEndpointsStayOpen() throws Exception {
    assertThat(client.get("/actuator/health", null).status()).isEqualTo(200);
    assertThat(client.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    ControlClient.Response prometheus = client.get("/actuator/prometheus", null);
    assertThat(prometheus.status()).isEqualTo(200);
    assertThat(prometheus.body()).contains("perfplane_loadgen_vus_active").contains("perfplane_loadgen_requests_total");
  }

  @Test
  void unknownRunIsNotFoundProblem() throws Exception {
    ControlClient.Response response = client.get("/runs/no-such-run", ControlClient.bearer());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("detail").asString()).contains("no-such-run");
    assertThat(client.post("/runs/no-such-run/stop", null, ControlClient.bearer()).status()).isEqualTo(404);
  }

  @Test
  void invalidPlanIsBadRequestNamingEveryField() throws Exception {
    ControlClient.Response response = client.postJson("/runs", Map.of(
        "name", "demo", "targetService", "api-service", "targetBaseUrl", "http://127.0.0.1:8081",
        "stages", List.of(Map.of("durationMs", 1000, "targetVus", 1), Map.of("durationMs", 0, "targetVus", 1)),
        "requests", List.of(Map.of("name", "GET /", "path", "no-slash"))));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("title").asString()).isEqualTo("Invalid run plan");
    assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactlyInAnyOrder("stages[1].durationMs", "requests[0].path");
    assertThat(problem.get("detail").asString()).contains("stages[1].durationMs must be > 0");
  }

  @Test
  void jsonErrorsNameTheFieldToo() throws Exception {
    ControlClient.Response misspelt = client.post("/runs",
        VALID_PLAN.replace("\"name\": \"demo\"", "\"name\": \"demo\", \"thinktimeMs\": 5"), ControlClient.bearer());
    assertThat(misspelt.status()).isEqualTo(400);
    assertThat(misspelt.json().get("errors").get(0).get("field").asString()).isEqualTo("thinktimeMs");

    ControlClient.Response wrongType = client.post("/runs",
        VALID_PLAN.replace("\"durationMs\": 5000", "\"durationMs\": \"five\""), ControlClient.bearer());
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("stages[0].durationMs");

    ControlClient.Response broken = client.post("/runs", "{\"name\": ", ControlClient.bearer());
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.contentType()).startsWith("application/problem+json");

    assertThat(client.post("/runs", null, ControlClient.bearer()).status()).isIn(400, 415);
  }

  @Test
  void targetOutsideTheAllowListIsUnprocessableNamingTheFieldAndTheList() throws Exception {
    ControlClient.Response response = client.post("/runs",
        VALID_PLAN.replace("http://127.0.0.1:8081", "http://localhost@evil.com:8081"), ControlClient.bearer());
    assertThat(response.status()).isEqualTo(400); // user info is malformed, not merely disallowed

    response = client.post("/runs", VALID_PLAN.replace("http://127.0.0.1:8081", "http://127.0.0.1.evil.com:8081"),
        ControlClient.bearer());

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode error = response.json().get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("targetBaseUrl");
    assertThat(error.get("message").asString()).contains("127.0.0.1:*, localhost:*, [::1]:*");
  }

  @Test
  void plansBeyondTheLimitsAreUnprocessableNamingTheField() throws Exception {
    ControlClient.Response tooMany = client.post("/runs", VALID_PLAN.replace("\"targetVus\": 5",
        "\"targetVus\": " + (LoadgenSpringTest.MAX_VUS + 1)),
        ControlClient.bearer());
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.json().get("errors").get(0).get("field").asString()).isEqualTo("stages[0].targetVus");

    ControlClient.Response tooLong = client.post("/runs",
        VALID_PLAN.replace("\"durationMs\": 5000", "\"durationMs\": 600001"), ControlClient.bearer());
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("stages");
  }
}
