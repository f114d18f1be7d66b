package io.perfplane.analyzer.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.cloudevents.CloudEvents;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The listener on a real broker: an event no target takes goes to webhook-dead-letters, and the next one flows. */
class BreachWebhookListenerTest {

  @Test
  void anEventNoTargetTakesIsDeadLetteredAndTheNextOneIsDelivered() throws Exception {
    List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      boolean poison = body.contains("poison-slo");
      if (!poison) {
        delivered.add(body);
      }
      exchange.sendResponseHeaders(poison ? 500 : 200, -1);
      exchange.close();
    });
    receiver.start();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
      broker.createTopics(Topics.all().stream().map(t -> t.toNewTopic((short) 1)).toList());
      WebhookProperties properties = new WebhookProperties(List.of(new WebhookProperties.Target(
          "http://127.0.0.1:" + receiver.getAddress().getPort() + "/", "k", null)), List.of("127.0.0.1:*"), 3,
          Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(2));
      Map<String, Object> client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      BreachWebhookListener listener = new BreachWebhookListener(true, new BreachWebhooks(properties,
          HttpClient.newHttpClient(), Clock.systemUTC(), Thread::sleep), client, client, "test-" + UUID.randomUUID(),
          "earliest");
      String key = "r|poison-slo|*";
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
          Topics.SLO_BREACHES_JSON.keySerde().serializer(), Topics.SLO_BREACHES_JSON.valueSerde().serializer())) {
        producer.send(new ProducerRecord<>(Topics.SLO_BREACHES_JSON.name(), 0, key, event("poison-slo"))).get();
        producer.send(new ProducerRecord<>(Topics.SLO_BREACHES_JSON.name(), 0, "r|fine|*", event("fine"))).get();
      }
      listener.start();
      try {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == 1);
      } finally {
        listener.stop();
      }
      assertThat(delivered.getFirst()).contains("\"sloId\":\"fine\"");
      try (KafkaConsumer<String, String> dead = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
          ConsumerConfig.GROUP_ID_CONFIG, "dlt-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
          "earliest"), Topics.WEBHOOK_DEAD_LETTERS.keySerde().deserializer(),
          Topics.WEBHOOK_DEAD_LETTERS.valueSerde().deserializer())) {
        dead.subscribe(List.of(Topics.WEBHOOK_DEAD_LETTERS.name()));
        List<JsonNode> letters = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
          dead.poll(Duration.ofMillis(200)).forEach(r -> {
            assertThat(r.key()).isEqualTo(key);
            letters.add(JsonMapper.builder().build().readTree(r.value()));
          });
          return !letters.isEmpty();
        });
        assertThat(letters).singleElement().satisfies(letter -> {
          assertThat(letter.get("attempts").asInt()).isEqualTo(3);
          assertThat(letter.get("error").asString()).isEqualTo("HTTP 500");
          assertThat(letter.get("target").asString()).startsWith("127.0.0.1:");
          assertThat(letter.get("event").get("data").get("sloId").asString()).isEqualTo("poison-slo");
        });
      }
    } finally {
      receiver.stop(0);
    }
  }

  private static String event(String sloId) {
    return CloudEvents.breach(SloBreach.newBuilder().setBreachId("r|" + sloId + "|*@1").setState(BreachState.OPENED)
        .setSloId(sloId).setRunId("r").setEndpoint("*").setIndicator("error_rate").setWindowSeconds(10)
        .setObserved(0.2).setObjective(0.01).setUnit("ratio").setOpenedAtUs(1_000_000L).setAtUs(2_000_000L).build());
  }
}
