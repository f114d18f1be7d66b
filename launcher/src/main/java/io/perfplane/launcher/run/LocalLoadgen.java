package io.perfplane.launcher.run;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import io.perfplane.launcher.LocalCredentials;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.ServiceFleet;
import io.perfplane.runtime.EmbeddedKafkaBroker;
import io.perfplane.runtime.FreePorts;
import org.jspecify.annotations.Nullable;

/**
 * One loadgen-service JVM on a free port, on an in-process broker of its own or on the broker given. The child
 * inherits this process's environment (so {@code PERFPLANE_LOADGEN_ALLOWED_TARGETS} and the limits stay the user's)
 * plus the bootstrap servers and the control token.
 */
final class LocalLoadgen implements AutoCloseable {

  private static final Duration READINESS = Duration.ofSeconds(240);

  private final @Nullable EmbeddedKafkaBroker broker;
  private final ServiceFleet fleet;
  private final String bootstrapServers;

  private LocalLoadgen(@Nullable EmbeddedKafkaBroker broker, ServiceFleet fleet, String bootstrapServers) {
    this.broker = broker;
    this.fleet = fleet;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the broker (unless {@code kafka} is given) and loadgen-service, and returns once the service is ready.
   *
   * @param home repository root holding {@code loadgen-service/target/loadgen-service-*.jar}
   * @param kafka bootstrap servers of an existing broker; null starts one in this JVM
   */
  static LocalLoadgen start(Path home, @Nullable String kafka, String controlToken, Path logDir) {
    EmbeddedKafkaBroker broker = kafka == null ? EmbeddedKafkaBroker.start(null, 0) : null;
    String bootstrap = broker != null ? broker.bootstrapServers() : kafka;
    try {
      // The service creates the catalog topics it needs on startup, on either broker.
      ServiceFleet fleet = ServiceFleet.start(home, EnumSet.of(Service.LOADGEN), Map.of(Service.LOADGEN,
              FreePorts.find()), Map.of(Service.LOADGEN, withCredentials(bootstrap, controlToken)), logDir, READINESS);
      return new LocalLoadgen(broker, fleet, bootstrap);
    } catch (RuntimeException e) {
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  private static Map<String, String> withCredentials(String bootstrap, String controlToken) {
    Map<String, String> env = new java.util.HashMap<>(LocalCredentials.environment(controlToken));
    env.put("PERFPLANE_KAFKA_BOOTSTRAP", bootstrap);
    return env;
  }

  URI baseUri() {
    return fleet.baseUri(Service.LOADGEN);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** Whether the broker runs in this JVM (and stops with it). */
  boolean ownsBroker() {
    return broker != null;
  }

  /** Stops loadgen-service first, so its last samples reach the broker, then the broker. */
  @Override
  public void close() {
    try {
      fleet.close();
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }
}
