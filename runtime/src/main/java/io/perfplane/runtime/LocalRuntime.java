package io.perfplane.runtime;

import java.nio.file.Path;
import java.util.Map;

import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default infrastructure in one piece: a KRaft broker with every catalog topic created, and a
 * PostgreSQL database. Used by {@code ./perfplane demo} and by the end-to-end tests alike.
 */
public final class LocalRuntime implements AutoCloseable {

  private final EmbeddedKafkaBroker kafka;
  private final LocalDatabase database;

  private LocalRuntime(EmbeddedKafkaBroker kafka, LocalDatabase database) {
    this.kafka = kafka;
    this.database = database;
  }

  /**
   * Starts the broker, creates the catalog topics and resolves the database.
   *
   * @param kafkaDir broker data directory, or {@code null} for a temporary one
   * @param kafkaPort broker port, or 0 for a free one
   * @param env environment used to resolve the database (see {@link LocalDatabase})
   * @param databaseName database to use on a local or embedded server
   */
  public static LocalRuntime start(@Nullable Path kafkaDir, int kafkaPort, Map<String, String> env,
      String databaseName) {
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(kafkaDir, kafkaPort);
    try {
      kafka.createTopics(Topics.all().stream().map(LocalRuntime::singleReplica).toList());
      kafka.warmCoordinators();
      return new LocalRuntime(kafka, LocalDatabase.resolve(env, databaseName));
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  private static org.apache.kafka.clients.admin.NewTopic singleReplica(Topic<?, ?> topic) {
    return topic.toNewTopic((short) 1);
  }

  public EmbeddedKafkaBroker kafka() {
    return kafka;
  }

  public DatabaseConnection database() {
    return database.connection();
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      database.close();
    }
  }
}
