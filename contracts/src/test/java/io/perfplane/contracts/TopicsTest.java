package io.perfplane.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void catalogHasTheDocumentedTopicsWithUniqueNames() {
    assertThat(Topics.all()).extracting(Topic::name).containsExactly(
        "request-samples", "run-events", "run-shards", "abort-requests", "slo-breaches", "capacity-events",
        "cost-estimates", "slo-breaches.json", "capacity-events.json", "cost-estimates.json", "webhook-dead-letters",
        "ingest-dead-letters", "ingest-receipts", "analyzer-dead-letters");
  }

  @Test
  void compactedTopicsKeepDataAndEventTopicsExpire() {
    assertThat(Topics.SLO_BREACHES.configs()).containsEntry("cleanup.policy", "compact")
        .containsEntry("retention.ms", "-1");
    assertThat(Topics.REQUEST_SAMPLES.configs()).containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
    assertThat(Topics.REQUEST_SAMPLES.toNewTopic((short) 1).numPartitions()).isEqualTo(6);
  }

  @Test
  void refusesNonKebabCaseNames() {
    assertThatThrownBy(() -> new Topic<>("Request_Samples", Serdes.String(), Serdes.String(), 1, null, false))
        .hasMessageContaining("kebab-case");
  }

  @Test
  void docsListEveryTopic() throws Exception {
    String docs = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/topics.md"));
    for (Topic<?, ?> topic : Topics.all()) {
      assertThat(docs).as("docs/topics.md documents " + topic.name()).contains("`" + topic.name() + "`");
    }
  }
}
