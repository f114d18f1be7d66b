package io.perfplane.contracts.kafka;

import java.time.Duration;
import java.util.List;

import io.perfplane.contracts.AbortRequest;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.DeadLetter;
import io.perfplane.contracts.IngestReceipt;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunShard;
import io.perfplane.contracts.SloBreach;
import org.apache.kafka.common.serialization.Serdes;

/** The topic catalog: every topic perfplane produces or consumes. Documented for users in docs/topics.md. */
public final class Topics {

  /** One sample per HTTP request; key runId so a run's samples stay ordered on one partition. */
  public static final Topic<String, RequestSample> REQUEST_SAMPLES = new Topic<>("request-samples",
      Serdes.String(), AvroSerde.of(RequestSample.class), 6, Duration.ofDays(7), false);

  /**
   * Run lifecycle facts (started, stage changed, finished, aborted); key runId; as many partitions as
   * {@link #REQUEST_SAMPLES} so the two are co-partitioned. Commands go to {@link #ABORT_REQUESTS}.
   */
  public static final Topic<String, RunEvent> RUN_EVENTS = new Topic<>("run-events",
      Serdes.String(), AvroSerde.of(RunEvent.class), 6, Duration.ofDays(30), false);

  /**
   * Shards of distributed loadgen runs; key {@link #shardKey}. The submitter picks the partition so that the shards of
   * one run spread over the partitions; the loadgen consumer group's assignment decides which instance runs which.
   */
  public static final Topic<String, RunShard> RUN_SHARDS = new Topic<>("run-shards",
      Serdes.String(), AvroSerde.of(RunShard.class), 6, Duration.ofDays(1), false);

  /**
   * Commands to stop a run (from the analyzer's abortOnFail SLOs and loadgen's distributed stop); key runId. Every
   * loadgen instance reads every partition (a group of its own); what obeying did is reported on {@link #RUN_EVENTS}.
   */
  public static final Topic<String, AbortRequest> ABORT_REQUESTS = new Topic<>("abort-requests",
      Serdes.String(), AvroSerde.of(AbortRequest.class), 3, Duration.ofDays(1), false);

  /** SLO breaches, open then resolved; key from {@link #breachKey}; compacted to the latest state per breach. */
  public static final Topic<String, SloBreach> SLO_BREACHES = new Topic<>("slo-breaches",
      Serdes.String(), AvroSerde.of(SloBreach.class), 3, null, true);

  /** Measured capacity per run; key runId; compacted to the latest estimate per run. */
  public static final Topic<String, CapacityEvent> CAPACITY_EVENTS = new Topic<>("capacity-events",
      Serdes.String(), AvroSerde.of(CapacityEvent.class), 3, null, true);

  /** Monthly cost per run and user scenario; key {@code <runId>|<scenario>}; compacted. */
  public static final Topic<String, CostEstimate> COST_ESTIMATES = new Topic<>("cost-estimates",
      Serdes.String(), AvroSerde.of(CostEstimate.class), 3, null, true);

  /**
   * {@link #SLO_BREACHES} as CloudEvents JSON (structured mode, {@code io.perfplane.contracts.cloudevents}), same key,
   * partitions and compaction: for consumers without Avro (kcat, Node, Python, alerting bridges).
   */
  public static final Topic<String, String> SLO_BREACHES_JSON = new Topic<>("slo-breaches.json",
      Serdes.String(), Serdes.String(), 3, null, true);

  /** {@link #CAPACITY_EVENTS} as CloudEvents JSON, same key. */
  public static final Topic<String, String> CAPACITY_EVENTS_JSON = new Topic<>("capacity-events.json",
      Serdes.String(), Serdes.String(), 3, null, true);

  /** {@link #COST_ESTIMATES} as CloudEvents JSON, same key. */
  public static final Topic<String, String> COST_ESTIMATES_JSON = new Topic<>("cost-estimates.json",
      Serdes.String(), Serdes.String(), 3, null, true);

  /**
   * Breach events a webhook target did not take after every attempt: JSON {@code {target, attempts, error, event}},
   * {@code event} the CloudEvent; key as {@link #SLO_BREACHES}.
   */
  public static final Topic<String, String> WEBHOOK_DEAD_LETTERS = new Topic<>("webhook-dead-letters",
      Serdes.String(), Serdes.String(), 3, Duration.ofDays(30), false);

  /** Lines of imported result files that ingest rejected, with the reason; key runId. */
  public static final Topic<String, DeadLetter> INGEST_DEAD_LETTERS = new Topic<>("ingest-dead-letters",
      Serdes.String(), AvroSerde.of(DeadLetter.class), 3, Duration.ofDays(30), false);

  /**
   * Records of {@link #REQUEST_SAMPLES} and {@link #RUN_EVENTS} the analyzer could not decode (garbage, truncated, an
   * unknown schema fingerprint), skipped by its stream and kept here: the original key and value bytes unchanged, plus
   * Kafka Streams' {@code __streams.errors.*} headers (exception, message, stack trace, source topic, partition,
   * offset).
   */
  public static final Topic<byte[], byte[]> ANALYZER_DEAD_LETTERS = new Topic<>("analyzer-dead-letters",
      Serdes.ByteArray(), Serdes.ByteArray(), 3, Duration.ofDays(30), false);

  /** Outcome of each upload sent with an Idempotency-Key; key {@link #receiptKey}; compacted. */
  public static final Topic<String, IngestReceipt> INGEST_RECEIPTS = new Topic<>("ingest-receipts",
      Serdes.String(), AvroSerde.of(IngestReceipt.class), 3, null, true);

  private Topics() {
  }

  /** Every topic, in pipeline order. */
  public static List<Topic<?, ?>> all() {
    return List.of(REQUEST_SAMPLES, RUN_EVENTS, RUN_SHARDS, ABORT_REQUESTS, SLO_BREACHES, CAPACITY_EVENTS,
        COST_ESTIMATES, SLO_BREACHES_JSON, CAPACITY_EVENTS_JSON, COST_ESTIMATES_JSON, WEBHOOK_DEAD_LETTERS,
        INGEST_DEAD_LETTERS, INGEST_RECEIPTS, ANALYZER_DEAD_LETTERS);
  }

  /** Key of a shard on {@link #RUN_SHARDS}: {@code <runId>/<shardIndex>}. */
  public static String shardKey(String runId, int shardIndex) {
    return runId + "/" + shardIndex;
  }

  /** Key of a breach on {@link #SLO_BREACHES}: {@code <runId>|<sloId>|<endpoint>}. */
  public static String breachKey(String runId, String sloId, String endpoint) {
    return runId + "|" + sloId + "|" + endpoint;
  }

  /** Key of an estimate on {@link #COST_ESTIMATES}: {@code <runId>|<scenario>}. */
  public static String costKey(String runId, String scenario) {
    return runId + "|" + scenario;
  }

  /** Key of a receipt on {@link #INGEST_RECEIPTS}: {@code <runId>|<source>|<idempotencyKey>}. */
  public static String receiptKey(String runId, String source, String idempotencyKey) {
    return runId + "|" + source + "|" + idempotencyKey;
  }
}
