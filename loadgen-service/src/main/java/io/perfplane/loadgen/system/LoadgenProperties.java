package io.perfplane.loadgen.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Load generator settings ({@code perfplane.loadgen.*}); application.yml maps the environment variables.
 *
 * @param allowedTargets {@code host:port} patterns a plan's targetBaseUrl must match
 *     (env {@code PERFPLANE_LOADGEN_ALLOWED_TARGETS}, comma-separated)
 * @param maxVus most virtual users any stage may target (env {@code PERFPLANE_LOADGEN_MAX_VUS})
 * @param maxDuration longest total plan duration (env {@code PERFPLANE_LOADGEN_MAX_DURATION}, e.g. {@code 1h})
 * @param generatorId this instance's id in samples and events (env {@code PERFPLANE_GENERATOR_ID}); blank means
 *     {@code <hostname>-<pid>}
 * @param controlInterval how often a run adjusts its virtual users to the schedule
 * @param sampleBufferCapacity samples waiting for the Kafka producer before new ones are dropped
 * @param drainTimeout how long the end of a run waits for its samples to be acknowledged
 * @param maxRate highest total arrival rate (iterations per second) of a run's open-model scenarios
 *     (env {@code PERFPLANE_LOADGEN_MAX_RATE})
 * @param shardGroup consumer group on {@code run-shards} shared by every instance that takes shards of distributed
 *     runs (env {@code PERFPLANE_LOADGEN_SHARD_GROUP})
 * @param shardStartTimeout a shard consumed later than this after its run was submitted is not started
 *     (env {@code PERFPLANE_LOADGEN_SHARD_START_TIMEOUT})
 */
@ConfigurationProperties("perfplane.loadgen")
record LoadgenProperties(List<String> allowedTargets, int maxVus, Duration maxDuration,
    @Nullable String generatorId, @DefaultValue("100ms") Duration controlInterval,
    @DefaultValue("65536") int sampleBufferCapacity, @DefaultValue("30s") Duration drainTimeout,
    @DefaultValue("50000") double maxRate, @DefaultValue("loadgen-shards") String shardGroup,
    @DefaultValue("30s") Duration shardStartTimeout) {

  public LoadgenProperties {
    if (allowedTargets == null) {
      allowedTargets = List.of();
    }
    allowedTargets = allowedTargets.stream().map(String::strip).filter(pattern -> !pattern.isEmpty()).toList();
    if (maxVus < 1) {
      throw new IllegalArgumentException("perfplane.loadgen.max-vus must be >= 1: " + maxVus);
    }
    if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("perfplane.loadgen.max-duration must be positive");
    }
    if (controlInterval.toMillis() < 1) {
      throw new IllegalArgumentException("perfplane.loadgen.control-interval must be at least 1 ms");
    }
    if (!(maxRate > 0)) {
      throw new IllegalArgumentException("perfplane.loadgen.max-rate must be > 0: " + maxRate);
    }
    if (shardGroup == null || shardGroup.isBlank()) {
      throw new IllegalArgumentException("perfplane.loadgen.shard-group must not be blank");
    }
    if (shardStartTimeout == null || shardStartTimeout.isNegative() || shardStartTimeout.isZero()) {
      throw new IllegalArgumentException("perfplane.loadgen.shard-start-timeout must be positive");
    }
    if (sampleBufferCapacity < 1) {
      throw new IllegalArgumentException("perfplane.loadgen.sample-buffer-capacity must be >= 1");
    }
  }

  /** The configured generator id, or {@code <hostname>-<pid>}. */
  public String resolvedGeneratorId() {
    if (generatorId != null && !generatorId.isBlank()) {
      return generatorId.strip();
    }
    return hostname() + "-" + ProcessHandle.current().pid();
  }

  private static String hostname() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
