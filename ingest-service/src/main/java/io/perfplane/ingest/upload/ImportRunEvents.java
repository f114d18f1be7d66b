package io.perfplane.ingest.upload;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.kafka.Topics;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The run events of one upload on {@code run-events} (key runId, so in the partition of the run's samples). The
 * analyzer finalizes a run once every generator that sent STARTED has sent FINISHED and as many samples as the
 * FINISHED events' {@code samplesPublished} arrived; an import is one generator per upload:
 * <ul>
 *   <li>STARTED just before the upload's first accepted sample (an upload refused before any sample leaves no
 *       generator waiting for a FINISHED that never comes);</li>
 *   <li>FINISHED with {@code samplesPublished} = accepted samples, only after Kafka acknowledged all of them, and only
 *       if a STARTED was sent;</li>
 *   <li>multi-part imports: a part sent with {@code final=false} also starts the run-wide {@link #PARTS_GENERATOR},
 *       which only the final part finishes (with 0 samples), so the run is not finalized between parts.</li>
 * </ul>
 * Every send is tracked by the upload's {@link AckTracker}.
 */
final class ImportRunEvents {

  /** Generator that holds a multi-part import open until its final part. */
  static final String PARTS_GENERATOR = "ingest/parts";
  static final String SAMPLES_PUBLISHED = "samplesPublished";

  private final String runId;
  private final ImportRun run;
  private final KafkaTemplate<String, RunEvent> template;
  private final Clock clock;
  private final AckTracker acks;
  private boolean started;

  ImportRunEvents(String runId, ImportRun run, KafkaTemplate<String, RunEvent> template, Clock clock,
      AckTracker acks) {
    this.runId = runId;
    this.run = run;
    this.template = template;
    this.clock = clock;
    this.acks = acks;
  }

  /** Sends STARTED (once per upload). */
  void started() {
    if (started) {
      return;
    }
    started = true;
    if (!run.finalPart()) {
      send(event(RunEventType.STARTED, PARTS_GENERATOR, run.attributes()));
    }
    send(event(RunEventType.STARTED, run.generatorId(), run.attributes()));
  }

  boolean wasStarted() {
    return started;
  }

  /**
   * Sends FINISHED for this upload (if it started) and, for the final part, for {@link #PARTS_GENERATOR}. Call only
   * after every sample was acknowledged.
   */
  void finished(long accepted, long rejected, long ignored) {
    if (started) {
      Map<String, String> totals = new HashMap<>();
      totals.put(SAMPLES_PUBLISHED, Long.toString(accepted));
      totals.put("rejected", Long.toString(rejected));
      totals.put("ignored", Long.toString(ignored));
      send(event(RunEventType.FINISHED, run.generatorId(), totals));
    }
    if (run.finalPart()) {
      send(event(RunEventType.FINISHED, PARTS_GENERATOR, Map.of(SAMPLES_PUBLISHED, "0")));
    }
  }

  private RunEvent event(RunEventType type, String generatorId, Map<String, String> attributes) {
    return RunEvent.newBuilder()
        .setRunId(runId)
        .setType(type)
        .setAtUs(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()))
        .setGeneratorId(generatorId)
        .setAttributes(new HashMap<>(attributes))
        .build();
  }

  private void send(RunEvent event) {
    acks.sent();
    try {
      template.send(Topics.RUN_EVENTS.name(), runId, event).whenComplete((result, error) -> acks.completed(error));
    } catch (RuntimeException e) {
      acks.completed(e);
      throw new SamplesNotAcknowledgedException("Kafka did not take a run event of run " + runId, e);
    }
  }
}
