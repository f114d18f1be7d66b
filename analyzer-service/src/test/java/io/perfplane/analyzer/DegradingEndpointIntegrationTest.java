package io.perfplane.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Given the analyzer (real Spring context, SLOs from a YAML file) on the runtime module's in-process broker, when a
 * run's endpoint B is fast, then slow for eight seconds, then fast again while endpoint A stays fast, then
 * {@code slo-breaches} (read_committed) holds exactly one OPENED and one RESOLVED breach for (run, B, b-p95) and
 * nothing for A. Event-time driven: the verdicts depend on the samples' timestamps, not on how fast they arrive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "perfplane.analyzer.slo-file=src/test/resources/degrading-endpoint-slos.yml",
    // Finalized because every published sample arrived, never by a timeout on a slow machine.
    "perfplane.analyzer.finalize-grace=300s",
    "spring.kafka.streams.application-id=perfplane-analyzer-degrading-it"})
class DegradingEndpointIntegrationTest {

  private static final int PER_SECOND = 50;
  private static final int SECONDS = 30;
  private static final int SLOW_FROM = 10;
  private static final int SLOW_TO = 17;
  private static EmbeddedKafkaBroker broker;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    if (broker == null) {
      broker = EmbeddedKafkaBroker.start(null, 0);
      // Streams needs its source topics before it starts.
      broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());
    }
    registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  @Test
  void oneEndpointDegradingMidRunOpensAndResolvesExactlyOneBreach() {
    String runId = "degrade-" + UUID.randomUUID();
    long t0Us = (System.currentTimeMillis() / 1000) * 1_000_000L; // a whole second, so slices are exact
    List<RequestSample> samples = new ArrayList<>();
    for (int second = 0; second < SECONDS; second++) {
      boolean slow = second >= SLOW_FROM && second <= SLOW_TO;
      for (int i = 0; i < PER_SECOND; i++) {
        long startUs = t0Us + second * 1_000_000L + i * 10_000L; // ends inside its second even at 400 ms
        samples.add(sample(runId, "GET /a", startUs, 20_000));
        samples.add(sample(runId, "GET /b", startUs + 5_000, slow ? 400_000 : 20_000));
      }
    }
    // In order of completion, as a load generator publishes them: nothing arrives for an evaluated second.
    samples.sort(Comparator.comparingLong(s -> s.getIntendedStartUs() + s.getLatencyUs()));

    try (KafkaProducer<String, RequestSample> sampleProducer = producer(Topics.REQUEST_SAMPLES.valueSerde());
        KafkaProducer<String, RunEvent> eventProducer = producer(Topics.RUN_EVENTS.valueSerde())) {
      eventProducer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId,
          event(runId, RunEventType.STARTED, t0Us, Map.of())));
      eventProducer.flush();
      for (RequestSample sample : samples) {
        sampleProducer.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), runId, sample));
      }
      sampleProducer.flush();
      eventProducer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, event(runId, RunEventType.FINISHED,
          t0Us + SECONDS * 1_000_000L, Map.of("samplesPublished", Integer.toString(samples.size())))));
    }

    List<SloBreach> breaches = new ArrayList<>();
    List<CapacityEvent> capacity = new ArrayList<>();
    try (KafkaConsumer<String, SloBreach> breachConsumer = consumer(Topics.SLO_BREACHES.valueSerde());
        KafkaConsumer<String, CapacityEvent> capacityConsumer = consumer(Topics.CAPACITY_EVENTS.valueSerde())) {
      breachConsumer.subscribe(List.of(Topics.SLO_BREACHES.name()));
      capacityConsumer.subscribe(List.of(Topics.CAPACITY_EVENTS.name()));
      // The capacity event is published last, after the final evaluation: once it is visible, so is every breach
      // committed before or with it.
      Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
        capacityConsumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value().getRunId().equals(runId)) {
            capacity.add(r.value());
          }
        });
        return !capacity.isEmpty();
      });
      Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
        int before = breaches.size();
        breachConsumer.poll(Duration.ofMillis(500)).forEach(r -> {
          if (r.value().getRunId().equals(runId)) {
            breaches.add(r.value());
          }
        });
        return breaches.size() == before && breachConsumer.assignment().size() > 0
            && breachConsumer.assignment().stream().allMatch(tp -> breachConsumer.position(tp)
                >= breachConsumer.endOffsets(List.of(tp)).get(tp));
      });
    }

    assertThat(breaches).as("nothing for the endpoint that stayed fast")
        .noneMatch(b -> b.getEndpoint().equals("GET /a"));
    assertThat(breaches).extracting(SloBreach::getState)
        .as("exactly one episode for B: opened once, resolved once")
        .containsExactly(BreachState.OPENED, BreachState.RESOLVED);
    SloBreach opened = breaches.get(0);
    SloBreach resolved = breaches.get(1);
    assertThat(opened.getSloId()).isEqualTo("b-p95");
    assertThat(opened.getEndpoint()).isEqualTo("GET /b");
    assertThat(resolved.getBreachId()).isEqualTo(opened.getBreachId());
    // Opened in the first slow second: by the early check while that second was still arriving, or by live
    // evaluation at its end.
    assertThat(opened.getOpenedAtUs()).isBetween(t0Us + SLOW_FROM * 1_000_000L, t0Us + (SLOW_FROM + 1) * 1_000_000L);
    assertThat(opened.getObserved()).isGreaterThan(100.0);
    assertThat(resolved.getObserved()).isLessThan(100.0);
    assertThat(capacity.getFirst().getSloHeld()).isFalse();
  }

  private static RequestSample sample(String runId, String endpoint, long startUs, long latencyUs) {
    return RequestSample.newBuilder().setRunId(runId).setGeneratorId("gen-1").setScenario("default")
        .setEndpoint(endpoint).setMethod("GET").setStatus(200).setErrorKind(ErrorKind.NONE)
        .setIntendedStartUs(startUs).setActualStartUs(startUs).setLatencyUs(latencyUs).setServiceTimeUs(latencyUs)
        .build();
  }

  private static RunEvent event(String runId, RunEventType type, long atUs, Map<String, String> attributes) {
    return RunEvent.newBuilder().setRunId(runId).setType(type).setAtUs(atUs).setGeneratorId("gen-1")
        .setAttributes(attributes).build();
  }

  private static <V> KafkaProducer<String, V> producer(Serde<V> valueSerde) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), Topics.REQUEST_SAMPLES.keySerde().serializer(), valueSerde.serializer());
  }

  private static <V> KafkaConsumer<String, V> consumer(Serde<V> valueSerde) {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), Topics.SLO_BREACHES.keySerde().deserializer(),
        valueSerde.deserializer());
  }
}
