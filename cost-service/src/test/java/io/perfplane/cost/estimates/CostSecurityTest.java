package io.perfplane.cost.estimates;

import io.perfplane.service.security.BearerSecurityContract;
import io.perfplane.service.security.Scope;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;

/** The shared bearer-token contract on the estimates, which need runs:read (tfvars included). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
@ActiveProfiles("test")
class CostSecurityTest extends BearerSecurityContract {

  @Override
  protected Call protectedCall() {
    return Call.get("/estimates?runId=security-contract");
  }

  @Override
  protected Scope requiredScope() {
    return Scope.RUNS_READ;
  }
}
