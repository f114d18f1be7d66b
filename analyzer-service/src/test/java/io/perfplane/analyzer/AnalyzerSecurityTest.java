package io.perfplane.analyzer;

import io.perfplane.service.security.BearerSecurityContract;
import io.perfplane.service.security.Scope;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The shared bearer-token contract on the run views, which need runs:read (report pages included). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(count = 1, partitions = 6, brokerProperties = {
    "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class AnalyzerSecurityTest extends BearerSecurityContract {

  @Override
  protected Call protectedCall() {
    return Call.get("/runs");
  }

  @Override
  protected Scope requiredScope() {
    return Scope.RUNS_READ;
  }
}
