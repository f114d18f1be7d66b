package io.perfplane.loadgen.kafka;

import io.perfplane.loadgen.engine.LoadgenMetrics;
import io.perfplane.loadgen.engine.RunCounters;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sample fate accounting, with Kafka's own in-memory producer so each send's outcome can be chosen. */
class KafkaSamplePublisherTest {

  private final MockProducer<String, RequestSample> producer = new MockProducer<>(false, null,
      Topics.REQUEST_SAMPLES.keySerde().serializer(), Topics.REQUEST_SAMPLES.valueSerde().serializer());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final KafkaSamplePublisher publisher = new KafkaSamplePublisher(producer, new LoadgenMetrics(meters), 16);
  private final RunCounters counters = new RunCounters();

  @AfterEach
  void stop() {
    if (publisher.isRunning()) {
      publisher.stop();
    }
  }

  private void record() {
    counters.request(false);
    publisher.offer(RequestSample.newBuilder().setRunId("run-1").setGeneratorId("g").setScenario("s")
        .setEndpoint("e").setMethod("GET").setStatus(200).setErrorKind(ErrorKind.NONE).setIntendedStartUs(1)
        .setActualStartUs(1).setLatencyUs(1).setServiceTimeUs(1).setTags(Map.of()).build(), counters);
  }

  private void awaitSends(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (producer.history().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(producer.history()).hasSize(count);
  }

  @Test
  void countsEachSampleAsPublishedDroppedOrFailedByItsSendOutcome() throws Exception {
    publisher.start();
    record();
    record();
    record();
    awaitSends(3);
    assertThat(counters.settled()).isFalse();

    producer.completeNext();
    producer.errorNext(new BufferExhaustedException("buffer full"));
    producer.errorNext(new RecordTooLargeException("too large"));

    assertThat(counters.settled()).isTrue();
    assertThat(counters.snapshot()).isEqualTo(new RunCounters.Snapshot(3, 0, 1, 1, 1));
    assertThat(producer.history()).allSatisfy(r -> assertThat(r.key()).isEqualTo("run-1"))
        .allSatisfy(r -> assertThat(r.topic()).isEqualTo("request-samples"));
    assertThat(meters.get("perfplane.loadgen.samples.published").counter().count()).isEqualTo(1);
    assertThat(meters.get("perfplane.loadgen.samples.dropped").counter().count()).isEqualTo(1);
    assertThat(meters.get("perfplane.loadgen.samples.failed").counter().count()).isEqualTo(1);
  }

  @Test
  void flushPushesPendingSamplesOutAndWaitsForTheirAcks() throws Exception {
    publisher.start();
    record();
    record();
    awaitSends(2);

    // MockProducer.flush() acks everything pending, as a real producer's flush waits for the acks.
    assertThat(publisher.flush(counters, Duration.ofSeconds(5))).isTrue();
    assertThat(counters.snapshot().samplesPublished()).isEqualTo(2);
  }

  @Test
  void samplesOfferedWhileStoppedAreDroppedNotBlocked() {
    record();
    assertThat(counters.snapshot().samplesDropped()).isEqualTo(1);
    assertThat(producer.history()).isEmpty();
  }
}
