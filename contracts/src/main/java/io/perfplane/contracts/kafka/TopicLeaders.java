package io.perfplane.contracts.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Readiness of topics for writes. The controller acknowledges a topic it has just created before the broker serves
 * it; a producer writing in that gap gets NOT_LEADER_OR_FOLLOWER, and an idempotent producer was seen to retry into
 * OUT_OF_ORDER_SEQUENCE_NUMBER for good. Whoever creates topics and then writes should wait here first.
 */
public final class TopicLeaders {

  private static final long PROBE_PAUSE_MS = 20;

  private TopicLeaders() {
  }

  /**
   * Probes until ListOffsets succeeds on every partition of {@code topics} (it is answered by each partition leader's
   * replica manager, so success means writes are accepted too) or {@code maxWait} has passed.
   *
   * @return whether every partition is served; {@code false} after {@code maxWait}
   */
  public static boolean awaitServed(Admin admin, Collection<String> topics, Duration maxWait)
      throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      try {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(maxWait.toMillis(), TimeUnit.MILLISECONDS).values()
            .forEach(topic -> topic.partitions().forEach(p ->
                partitions.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        admin.listOffsets(partitions).all().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(PROBE_PAUSE_MS); // not leader yet, or the topics not yet in the broker's metadata
      }
    }
  }
}
