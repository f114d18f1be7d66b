package io.perfplane.ingest.upload;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.perfplane.service.security.BearerSecurityContract;
import io.perfplane.service.security.Scope;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The shared bearer-token contract on uploads, which need results:write. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "perfplane.ingest.tokens=legacy-ingest-token"})
@EmbeddedKafka(brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
class IngestSecurityTest extends BearerSecurityContract {

  private static final long START = Instant.now().minus(Duration.ofHours(1)).getEpochSecond() * 1_000_000L;

  @Override
  protected Call protectedCall() {
    // A run of its own per request: a final upload completes its run.
    return Call.post("/ingest/native?runId=security-" + UUID.randomUUID(), "application/x-ndjson", """
        {"endpoint":"GET /a","method":"GET","status":200,"startUs":%d,"latencyUs":1000}
        """.formatted(START));
  }

  @Override
  protected Scope requiredScope() {
    return Scope.RESULTS_WRITE;
  }
}
