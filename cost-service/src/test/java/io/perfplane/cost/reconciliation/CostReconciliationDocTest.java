package io.perfplane.cost.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * docs/cost-reconciliation.md is this test's output: it renders the page from the real estimator and fails when the
 * committed page differs, so the page cannot drift from the code. {@code -Dperfplane.docs.write=true} rewrites it.
 */
class CostReconciliationDocTest {

  @Test
  void docsCostReconciliationIsTheEstimatorsOutput() throws IOException {
    String rendered = CostReconciliation.render(SeedFixture.onDemand("1k-users"), SeedFixture.onDemand("10k-users"),
        SeedFixture.RPS_PER_REPLICA);
    Path doc = SeedFixture.repo().resolve("docs/cost-reconciliation.md");
    if (Boolean.getBoolean("perfplane.docs.write")) {
      Files.writeString(doc, rendered);
    }
    assertThat(Files.exists(doc)).as("%s exists (write it with -Dperfplane.docs.write=true)", doc).isTrue();
    assertThat(Files.readString(doc)).as("%s is stale: rerun with -Dperfplane.docs.write=true", doc)
        .isEqualTo(rendered);
  }
}
