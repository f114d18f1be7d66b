package io.perfplane.loadgen.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.RunShard;
import io.perfplane.loadgen.definition.DefinitionReader;
import io.perfplane.loadgen.definition.Profiles;
import io.perfplane.loadgen.plan.FieldViolation;
import io.perfplane.loadgen.plan.PlanRejectedException;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.loadgen.plan.Shard;
import io.perfplane.loadgen.plan.TestDefinition;
import io.perfplane.loadgen.plan.ValidPlan;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distributed runs: a run accepted by any instance is split into shards written to {@code run-shards}, one per
 * partition slot; every instance consumes that topic in one consumer group, so Kafka's assignment (not a coordinator
 * of ours) decides which instance runs which shard, and a rebalance simply hands unconsumed shards to another member.
 *
 * <p>Each shard record carries the whole test as submitted; the receiving instance validates it again against its
 * own allow-list and limits (the submitter's check is not trusted blindly), takes its share ({@code PlanShards}) and
 * runs it under the shared run id. A shard is started at most once: the listener commits the record's offset before
 * calling {@link #onShard}, and the registry ignores a shard it already knows. A shard that is not started reports
 * a lone ABORTED event, so nobody waits for it.
 */
public final class DistributedRuns {

  private static final Logger log = LoggerFactory.getLogger(DistributedRuns.class);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A run as submitted, enough for another instance to rebuild the same plan.
   *
   * @param format {@code json}, {@code yaml} or {@code profile}
   * @param document the definition text, or the profile name
   * @param targetBaseUrl the target override ({@code ?targetBaseUrl=} or the profile body's); null for the
   *     document's own
   */
  public record Submission(String format, String document, @Nullable String targetBaseUrl) {

    public static Submission json(String text, @Nullable String targetBaseUrl) {
      return new Submission("json", text, targetBaseUrl);
    }

    public static Submission yaml(String text, @Nullable String targetBaseUrl) {
      return new Submission("yaml", text, targetBaseUrl);
    }

    public static Submission profile(String name, @Nullable String targetBaseUrl) {
      return new Submission("profile", name, targetBaseUrl);
    }
  }

  private final RunRegistry registry;
  private final ShardPublisher shards;
  private final RunEventPublisher events;
  private final PlanValidator validator;
  private final DefinitionReader reader;
  private final Clock clock;
  private final Duration startTimeout;

  /** @param startTimeout how long after submission a shard may still start (else it is reported not started) */
  public DistributedRuns(RunRegistry registry, ShardPublisher shards, RunEventPublisher events, PlanValidator validator,
      Clock clock, Duration startTimeout) {
    this.registry = registry;
    this.shards = shards;
    this.events = events;
    this.validator = validator;
    this.reader = new DefinitionReader(validator);
    this.clock = clock;
    this.startTimeout = startTimeout;
  }

  /**
   * Splits a validated run into {@code shardCount} shards and hands them to Kafka; returns once all are
   * acknowledged. Shard {@code i} goes to partition {@code i * partitions / shardCount}, spreading a run's shards
   * over the partition range so that range assignment gives them to different instances when there are enough.
   *
   * @throws PlanRejectedException when shardCount is outside 1..partitions
   * @throws DistributionUnavailableException when Kafka did not take every shard (those it took are aborted)
   */
  public void submit(ValidPlan plan, Submission submission, int shardCount) {
    int partitions;
    try {
      partitions = shards.partitions();
    } catch (RuntimeException e) {
      throw new DistributionUnavailableException("cannot read the partitions of run-shards: " + e.getMessage(), e);
    }
    if (shardCount < 1 || shardCount > partitions) {
      throw new PlanRejectedException(PlanRejectedException.Kind.INVALID, List.of(new FieldViolation("shards",
          "must be between 1 and " + partitions + " (the partitions of run-shards)")));
    }
    registry.submitted(plan.runId(), shardCount);
    long nowUs = nowUs();
    long startByUs = nowUs + TimeUnit.NANOSECONDS.toMicros(startTimeout.toNanos());
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (int i = 0; i < shardCount; i++) {
      RunShard record = RunShard.newBuilder()
          .setRunId(plan.runId())
          .setShardIndex(i)
          .setShardCount(shardCount)
          .setFormat(submission.format())
          .setDocument(submission.document())
          .setTargetBaseUrl(submission.targetBaseUrl())
          .setSubmittedBy(registry.generatorId())
          .setSubmittedAtUs(nowUs)
          .setStartByUs(startByUs)
          .build();
      acks.add(shards.publish((int) ((long) i * partitions / shardCount), record));
    }
    try {
      await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    } catch (RuntimeException e) {
      // Some shards may be out: stop them rather than leave a partial run going.
      requestStopQuietly(plan.runId(), "shards could not all be submitted");
      throw new DistributionUnavailableException("run " + plan.runId() + ": Kafka did not take every shard: "
          + e.getMessage(), e);
    }
    log.info("Run {} '{}' submitted as {} shard(s) over {} partition(s)", plan.runId(), plan.name(), shardCount,
        partitions);
  }

  /**
   * Asks every generator of the run (this one included) to stop it, through an abort request on abort-requests,
   * which every instance consumes in its own group.
   *
   * @throws DistributionUnavailableException when the event was not acknowledged
   */
  public void requestStop(String runId, String reason) {
    try {
      await(events.requestAbort(abortRequest(runId, reason)));
    } catch (RuntimeException e) {
      throw new DistributionUnavailableException("run " + runId + ": stop request not acknowledged by Kafka: "
          + e.getMessage(), e);
    }
  }

  private void requestStopQuietly(String runId, String reason) {
    try {
      requestStop(runId, reason);
    } catch (RuntimeException e) {
      log.warn("Run {}: could not request a stop of its submitted shards: {}", runId, e.toString());
    }
  }

  /** Starts a shard assigned to this instance, unless it is stale, stopped already or refused here. */
  public void onShard(RunShard record) {
    String runId = record.getRunId();
    Shard shard;
    try {
      shard = new Shard(record.getShardIndex(), record.getShardCount());
    } catch (IllegalArgumentException e) {
      log.warn("Run {}: ignoring a malformed shard record: {}", runId, e.getMessage());
      return;
    }
    String generatorId = shard.generatorId(registry.generatorId());
    long nowUs = nowUs();
    if (registry.abortRequested(runId)) {
      notStarted(runId, generatorId, shard, "run was stopped before this shard started");
      return;
    }
    if (nowUs > record.getStartByUs()) {
      notStarted(runId, generatorId, shard, String.format(Locale.ROOT,
          "shard consumed %.1f s after its run was submitted, past the start deadline",
          (nowUs - record.getSubmittedAtUs()) / 1e6));
      return;
    }
    ValidPlan plan;
    try {
      plan = read(record).withRunId(runId);
    } catch (PlanRejectedException e) {
      notStarted(runId, generatorId, shard, "refused by " + registry.generatorId() + ": " + String.join("; ",
          e.violations().stream().map(v -> v.field() + " " + v.message()).toList()));
      return;
    } catch (RuntimeException e) {
      notStarted(runId, generatorId, shard, "unreadable shard: " + e);
      return;
    }
    try {
      if (registry.startShard(plan, shard).isEmpty()) {
        log.info("Run {} shard {}/{} already known here: not started twice", runId, shard.index(), shard.count());
      }
    } catch (RunConflictException | ShuttingDownException e) {
      notStarted(runId, generatorId, shard, e.getMessage());
    }
  }

  private ValidPlan read(RunShard record) {
    return switch (record.getFormat()) {
      case "json" -> reader.read(record.getDocument(), DefinitionReader.Format.JSON, null, record.getTargetBaseUrl());
      case "yaml" -> reader.read(record.getDocument(), DefinitionReader.Format.YAML, null, record.getTargetBaseUrl());
      case "profile" -> {
        TestDefinition definition = Profiles.load(record.getDocument()).orElseThrow(
            () -> new IllegalArgumentException("no built-in profile " + record.getDocument() + " here"));
        yield validator.validate(DefinitionReader.override(definition, null, record.getTargetBaseUrl()));
      }
      default -> throw new IllegalArgumentException("unknown shard format " + record.getFormat());
    };
  }

  private void notStarted(String runId, String generatorId, Shard shard, @Nullable String reason) {
    String why = reason == null ? "not started" : reason;
    log.warn("Run {} shard {}/{} not started: {}", runId, shard.index(), shard.count(), why);
    try {
      await(events.publish(RunEvents.shardNotStarted(runId, generatorId, shard, why, nowUs())));
    } catch (RuntimeException e) {
      log.warn("Run {}: could not report shard {} as not started: {}", runId, shard.index(), e.toString());
    }
  }

  private AbortRequest abortRequest(String runId, String reason) {
    return AbortRequest.newBuilder().setRunId(runId).setRequestedBy(registry.generatorId()).setReason(reason)
        .setRequestedAtUs(nowUs()).build();
  }

  private long nowUs() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static void await(CompletableFuture<?> future) {
    try {
      future.get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause() == null ? e.toString() : e.getCause().toString(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no acknowledgement within " + PUBLISH_TIMEOUT, e);
    }
  }
}
