package io.perfplane.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.perfplane.contracts.kafka.TopicLeaders;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker running in this JVM: one KRaft node in combined broker+controller mode, from Kafka's own
 * server artifacts. Internal topics use replication factor 1 and min ISR 1 so transactions, and therefore Kafka
 * Streams exactly-once ({@code exactly_once_v2}), work on this single broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  /** Written by the storage format into every log directory: node id, cluster id, directory id. */
  static final String META_PROPERTIES = "meta.properties";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path logDir;
  private final boolean deleteOnClose;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir, boolean deleteOnClose) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.logDir = logDir;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * Starts a broker listening on 127.0.0.1. A fresh log directory is formatted first; a directory a broker already
   * formatted ({@code meta.properties} present) is started as it is, keeping its cluster id, topics and records:
   * a restart after {@link #close()}, as after a broker outage.
   *
   * @param logDir directory for the broker's data (empty, absent, or left by an earlier broker), or {@code null}
   *     for a temporary one deleted on close
   * @param port client port, or 0 for a free one (pass the earlier port on a restart: clients reconnect to it)
   */
  public static EmbeddedKafkaBroker start(@Nullable Path logDir, int port) {
    try {
      boolean temporary = logDir == null;
      Path dir = temporary ? Files.createTempDirectory("perfplane-kafka") : Files.createDirectories(logDir);
      int brokerPort = port == 0 ? FreePorts.find() : port;
      int controllerPort = FreePorts.find();
      Properties props = brokerProperties(dir, brokerPort, controllerPort);
      KafkaConfig config = KafkaConfig.fromProps(props, false);
      if (Files.exists(dir.resolve(META_PROPERTIES))) {
        // Formatting again would write a new cluster id that Kafka refuses on a directory holding data.
        log.info("Kafka log directory {} already formatted: restarting on it", dir);
      } else {
        format(config, dir);
      }
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      long started = System.nanoTime();
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrap, dir, temporary);
      broker.awaitReady();
      log.info("Kafka broker (KRaft) ready on {} in {} ms, data in {}", bootstrap,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the broker's log directory", e);
    }
  }

  static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
    Properties props = new Properties();
    props.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", dir.toString()),
        // One broker: every internal topic must fit on it, or transactions and Streams EOS hang in REBALANCING.
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "6"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "6"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        // Topics come from the catalog with their settings; a typo must fail, not create a 1-partition topic.
        Map.entry("auto.create.topics.enable", "false"),
        // Imports keep their original timestamps (a JTL of last year): with the default 7-day time retention the
        // broker would delete such records from the local log before every consumer had read them.
        Map.entry("log.retention.ms", "-1"),
        Map.entry("num.network.threads", "2"),
        Map.entry("num.io.threads", "4"),
        Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024))));
    return props;
  }

  private static void format(KafkaConfig config, Path dir) {
    try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(config.nodeId())
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(Set.of(dir.toString()))
          .setMetadataLogDirectory(dir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the KRaft log directory " + dir, e);
    }
  }

  private void awaitReady() {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS); // a restart recovers its logs first
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the embedded broker did not become ready", e);
    }
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** An admin client for this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /**
   * Creates the topics that do not exist yet and waits until every partition of them has a leader that serves
   * requests. The controller acknowledges a new topic before the broker has applied it, and a producer that writes in
   * that gap gets NOT_LEADER_OR_FOLLOWER; an idempotent producer's retry of such a batch was then seen to be refused
   * for good with OUT_OF_ORDER_SEQUENCE_NUMBER (the analyzer throughput benchmark looped on it for minutes).
   */
  public void createTopics(Collection<NewTopic> topics) {
    try (Admin admin = admin()) {
      for (var entry : admin.createTopics(topics).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
      awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topics", e);
    }
  }

  private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, TimeoutException {
    if (!TopicLeaders.awaitServed(admin, names, Duration.ofSeconds(30))) {
      throw new TimeoutException("topics " + names + " have no serving leader after 30 s");
    }
  }

  /**
   * Has the broker create its internal topics ({@code __consumer_offsets}, {@code __transaction_state}) now, in the
   * background, rather than when the first consumer group or transactional producer asks: on a fresh broker that
   * creation otherwise sits on every service's startup path (the analyzer's exactly-once Streams needs both).
   * Coordinator lookups trigger it; their answers (no such group or transaction) are irrelevant.
   */
  public void warmCoordinators() {
    Thread.ofPlatform().daemon().name("kafka-coordinator-warmup").start(() -> {
      try (Admin admin = admin()) {
        var groups = admin.describeConsumerGroups(List.of("perfplane-warmup")).all();
        var transactions = admin.describeTransactions(List.of("perfplane-warmup")).all();
        for (var future : List.of(groups, transactions)) {
          try {
            future.get(30, TimeUnit.SECONDS);
          } catch (ExecutionException | TimeoutException expected) {
            // unknown group/transaction: the coordinator (and its topic) exists now
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.debug("coordinator warm-up: {}", e.getMessage());
      }
    });
  }

  /** Names of the topics that exist, internal ones excluded. */
  public Set<String> topicNames() {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics", e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnClose) {
      Directories.deleteRecursively(logDir);
    }
  }
}
