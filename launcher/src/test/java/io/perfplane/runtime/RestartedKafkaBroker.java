package io.perfplane.runtime;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * Starts the broker again on the log directory and port of a closed {@link EmbeddedKafkaBroker}, keeping its data,
 * for tests of a broker outage. {@code EmbeddedKafkaBroker.start} cannot: it formats the directory with a new
 * cluster id, which Kafka refuses on a directory that holds data. Lives in the runtime package only to reuse the
 * broker's settings.
 */
public final class RestartedKafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private RestartedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  public static RestartedKafkaBroker start(Path logDir, int port) throws Exception {
    KafkaConfig config = KafkaConfig.fromProps(EmbeddedKafkaBroker.brokerProperties(logDir, port, FreePorts.find()),
        false);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    String bootstrap = "127.0.0.1:" + port;
    try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    }
    return new RestartedKafkaBroker(server, bootstrap);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
