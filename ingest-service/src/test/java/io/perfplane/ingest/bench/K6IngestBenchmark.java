package io.perfplane.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.k6.K6Files;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Ingest throughput of a k6 {@code --out json} file of at least {@code bench.points} points (default 5M) through
 * the real service (HTTP streaming, parsing, joining points into requests, validation, Avro, acks=all idempotent
 * producer into an in-process broker), beside two peers in the same run: reading the file raw, and a raw
 * {@code KafkaProducer} with the same producer settings sending the same number of {@code RequestSample}s of the same
 * shape. Run by {@code bench/ingest-service-k6.sh}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "perfplane.ingest.tokens=bench",
    "perfplane.ingest.ack-timeout=120s",
    "perfplane.ingest.limits.max-age=36500d",
    "perfplane.ingest.limits.max-future=36500d",
    "logging.level.org.apache.kafka=WARN"})
@EmbeddedKafka(partitions = 6, brokerProperties = {"transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1"})
class K6IngestBenchmark {

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @LocalServerPort
  int port;

  @Test
  void k6FileIngestVersusRawReadAndRawProducer() throws Exception {
    long points = Long.getLong("bench.points", 5_000_000L);
    // 9 HTTP points per request plus one iteration_duration point every 10 requests.
    int requests = (int) Math.ceil(points / 9.1);
    Path file = Path.of(System.getProperty("bench.file", "target/bench/k6-" + requests + ".ndjson"));
    long lines = generate(file, requests);
    long bytes = Files.size(file);

    long readStart = System.nanoTime();
    long read = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        read += n;
      }
    }
    double readSeconds = (System.nanoTime() - readStart) / 1e9;
    assertThat(read).isEqualTo(bytes);

    long ingestStart = System.nanoTime();
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/ingest/k6?runId=bench-ingest"))
        .header("Authorization", "Bearer bench").header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
    double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"accepted\":" + requests);

    double producerSeconds = rawProducer(requests);

    System.out.printf("""
        == k6 ingest benchmark (%,d points = %,d lines, %,d requests, %,.0f MiB, in-process broker, shared machine)
        raw read (Java, page cache)  %8.2f s  %,12.0f requests/s-equivalent  %,8.0f MiB/s
        perfplane ingest (HTTP)      %8.2f s  %,12.0f samples/s  %,10.0f points/s  %,8.0f MiB/s
        raw KafkaProducer (same n)   %8.2f s  %,12.0f records/s
        ratio ingest / raw read      %8.3f
        ratio ingest / raw producer  %8.3f
        %n""", lines - 9, lines, requests, bytes / 1048576.0,
        readSeconds, requests / readSeconds, bytes / 1048576.0 / readSeconds,
        ingestSeconds, requests / ingestSeconds, (lines - 9) / ingestSeconds, bytes / 1048576.0 / ingestSeconds,
        producerSeconds, requests / producerSeconds,
        readSeconds / ingestSeconds, producerSeconds / ingestSeconds);
  }

  private static long generate(Path file, int requests) throws Exception {
    Path count = file.resolveSibling(file.getFileName() + ".lines");
    if (Files.exists(file) && Files.exists(count)) {
      return Long.parseLong(Files.readString(count).strip());
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    long lines;
    try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
        StandardCharsets.UTF_8), 1 << 20)) {
      lines = K6Files.write(writer, requests, 7, Instant.parse("2026-11-20T10:00:00Z"), latency -> { });
    }
    Files.writeString(count, Long.toString(lines));
    return lines;
  }

  /** The same number of samples, of the same shape, through a producer configured as the service's. */
  private double rawProducer(int requests) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // As the service's application.yml sets them.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 524_288);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    try (KafkaProducer<String, RequestSample> producer = new KafkaProducer<>(config,
        Topics.REQUEST_SAMPLES.keySerde().serializer(), Topics.REQUEST_SAMPLES.valueSerde().serializer())) {
      long t0 = 1_795_168_800_000_000L;
      for (int i = 0; i < requests; i++) {
        RequestSample sample = RequestSample.newBuilder()
            .setRunId("bench-raw").setGeneratorId("ingest").setScenario("default")
            .setEndpoint("https://shop.example/items/{id}").setMethod("GET").setStatus(200)
            .setErrorKind(ErrorKind.NONE).setIntendedStartUs(t0 + i * 1000L).setActualStartUs(t0 + i * 1000L)
            .setLatencyUs(8000 + i % 5000).setServiceTimeUs(8000 + i % 5000).setTtfbUs(7000L)
            .setTags(Map.of("expected_response", "true")).setSource("k6").build();
        producer.send(new ProducerRecord<>(Topics.REQUEST_SAMPLES.name(), "bench-raw", sample),
            (metadata, error) -> {
              if (error != null) {
                failed.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    assertThat(failed).hasValue(0);
    return (System.nanoTime() - start) / 1e9;
  }
}
