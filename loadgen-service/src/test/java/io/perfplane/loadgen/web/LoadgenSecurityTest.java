package io.perfplane.loadgen.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfplane.service.security.BearerSecurityContract;
import io.perfplane.service.security.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The shared bearer-token contract on the control API, and the write scope submitting and stopping need. */
@LoadgenSpringTest
class LoadgenSecurityTest extends BearerSecurityContract {

  @LocalServerPort
  int port;

  @Override
  protected Call protectedCall() {
    return Call.get("/runs/profiles");
  }

  @Override
  protected Scope requiredScope() {
    return Scope.RUNS_READ;
  }

  @Test
  void submittingAndStoppingNeedRunsWrite() throws Exception {
    ControlClient client = new ControlClient(port);
    String reader = "Bearer " + staticToken(Scope.RUNS_READ);
    ControlClient.Response submit = client.post("/runs", "{}", reader);
    assertThat(submit.status()).isEqualTo(403);
    assertThat(submit.json().get("detail").asString()).contains("runs:write");
    assertThat(client.post("/runs/some-run/stop", null, reader).status()).isEqualTo(403);
    // With the write scope the request reaches the controller: an empty plan is a validation problem, not 401/403.
    assertThat(client.post("/runs", "{}", "Bearer " + staticToken(Scope.RUNS_WRITE)).status())
        .isBetween(400, 499).isNotIn(401, 403);
  }

  @Test
  void theLegacyControlTokenStillGrantsWritesAndReads() throws Exception {
    ControlClient client = new ControlClient(port);
    assertThat(client.get("/runs", ControlClient.bearer()).status()).isEqualTo(200);
    assertThat(client.post("/runs", "{}", ControlClient.bearer()).status()).isBetween(400, 499).isNotIn(401, 403);
  }
}
