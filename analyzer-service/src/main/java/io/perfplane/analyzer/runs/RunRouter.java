package io.perfplane.analyzer.runs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.perfplane.analyzer.stream.AnalyzerTopology;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the analyzer instance that owns a run and forwards reads to it. With several instances (same application
 * id) each run's state lives on the instance that owns its partition; every instance advertises its HTTP address as
 * {@code application.server}, so Kafka Streams' metadata maps a run id to the owning instance's address.
 */
@Component
class RunRouter {

  /** Marks a forwarded request: it is answered locally, never forwarded again (no loops during rebalances). */
  static final String FORWARDED_HEADER = "X-Perfplane-Forwarded";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final StreamsBuilderFactoryBean streams;
  private final JsonMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  RunRouter(StreamsBuilderFactoryBean streams, JsonMapper json) {
    this.streams = streams;
    this.json = json;
  }

  /**
   * The runs other instances own ({@code GET /runs} of each, answered locally there).
   *
   * @param authorization the caller's {@code Authorization} header, passed on: every instance checks it itself
   */
  List<RunSummary> remoteSummaries(@Nullable String authorization) throws IOException {
    List<RunSummary> runs = new ArrayList<>();
    for (HostInfo host : otherInstances()) {
      HttpResponse<byte[]> response = get(host, "/runs", authorization);
      if (response.statusCode() != 200) {
        throw new InvalidStateStoreException("instance " + host + " answered " + response.statusCode());
      }
      runs.addAll(json.readValue(response.body(), new TypeReference<List<RunSummary>>() { }));
    }
    return runs;
  }

  /** The other instance that owns {@code runId}, or empty when it is this one (or ownership is unknown). */
  Optional<HostInfo> remoteOwner(String runId) {
    HostInfo self = self();
    KafkaStreams kafkaStreams = streams.getKafkaStreams();
    if (self == null || kafkaStreams == null) {
      return Optional.empty(); // a single instance without application.server owns everything
    }
    KeyQueryMetadata metadata = kafkaStreams.queryMetadataForKey(AnalyzerTopology.RUNS_STORE, runId,
        new StringSerializer());
    if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE) {
      throw new InvalidStateStoreException("run ownership is not known yet (rebalancing)");
    }
    HostInfo owner = metadata.activeHost();
    return owner.equals(self) ? Optional.empty() : Optional.of(owner);
  }

  /** Every other live instance of this application. */
  List<HostInfo> otherInstances() {
    HostInfo self = self();
    KafkaStreams kafkaStreams = streams.getKafkaStreams();
    List<HostInfo> others = new ArrayList<>();
    if (self == null || kafkaStreams == null) {
      return others;
    }
    for (StreamsMetadata instance : kafkaStreams.metadataForAllStreamsClients()) {
      if (!instance.hostInfo().equals(self)) {
        others.add(instance.hostInfo());
      }
    }
    return others;
  }

  /** GETs {@code pathAndQuery} from {@code host}, marked as forwarded, with the caller's credential if any. */
  HttpResponse<byte[]> get(HostInfo host, String pathAndQuery, @Nullable String authorization) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
        + pathAndQuery)).timeout(TIMEOUT).header(FORWARDED_HEADER, "1").GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding to " + host, e);
    }
  }

  private @Nullable HostInfo self() {
    Object server = streams.getStreamsConfiguration() == null ? null
        : streams.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    return server == null || server.toString().isBlank() ? null : HostInfo.buildFromEndpoint(server.toString());
  }
}
