package io.perfplane.analyzer.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Lifecycle of one run as seen by the analyzer: which generators started and finished, how many samples they
 * published, load stages, how far live evaluation got, and whether the run is finalized. Kept in
 * {@link AnalyzerTopology#RUNS_STORE}; mutated only by the topology.
 */
public final class RunState {

  private static final byte FORMAT_V1 = 1;
  private static final byte FORMAT_V2 = 2;
  /** Version 2 appended the expected shard count, version 3 the run's own SLOs. */
  private static final byte FORMAT_VERSION = 3;
  static final String DEFAULT_TARGET_SERVICE = "unknown";

  private @Nullable String targetService;
  private final Set<String> startedGenerators = new TreeSet<>();
  private final Set<String> finishedGenerators = new TreeSet<>();
  private long samplesPublished;
  private boolean samplesPublishedUnknown;
  private long finishedAtWallMs = -1;
  private boolean aborted;
  private boolean finalized;
  private long lastEvaluatedSecond = Long.MIN_VALUE;
  private final List<Stage> stages = new ArrayList<>();
  /** Shard generators a distributed run announced (max shardCount of its STARTED events); 0 when not sharded. */
  private int expectedShards;
  /** The run's own SLOs as STARTED carried them (JSON, see {@code RunSlos}); null: the configured ones apply. */
  private @Nullable String slos;

  /** A load stage change: from {@code atUs} (µs epoch) the target concurrency is {@code concurrency}. */
  record Stage(long atUs, int concurrency) {
  }

  /** Name of the system under test; {@code api-service} unless STARTED said otherwise. */
  public String targetService() {
    return targetService == null ? DEFAULT_TARGET_SERVICE : targetService;
  }

  /**
   * True once every generator that started has reported FINISHED or ABORTED and, for a sharded run, at least
   * {@code shardCount} distinct generators did: shard 1 may finish before shard 2 has even started.
   */
  public boolean finished() {
    return finishedAtWallMs >= 0 && finishedGenerators.containsAll(startedGenerators)
        && finishedGenerators.size() >= expectedShards;
  }

  /** The run's own SLOs as carried on STARTED (JSON), or null when the configured ones apply. */
  public @Nullable String slos() {
    return slos;
  }

  /** Ids of the generators that announced the run (STARTED), sorted. */
  public Set<String> startedGenerators() {
    return java.util.Collections.unmodifiableSet(startedGenerators);
  }

  public boolean aborted() {
    return aborted;
  }

  /** True once the final SLO evaluation ran and the capacity event was published. */
  public boolean finalized() {
    return finalized;
  }

  void started(String generatorId, @Nullable String targetService) {
    started(generatorId, targetService, 0);
  }

  /**
   * A generator started.
   *
   * @param shardCount how many shard generators the run has in total (from STARTED's {@code shardCount}), 0 when
   *     the run is not sharded
   */
  void started(String generatorId, @Nullable String targetService, int shardCount) {
    started(generatorId, targetService, shardCount, null);
  }

  /**
   * A generator started.
   *
   * @param slos the run's own SLOs (STARTED attribute {@code slos}); the first generator to bring them sets them,
   *     as every shard of a run carries the same definition
   */
  void started(String generatorId, @Nullable String targetService, int shardCount, @Nullable String slos) {
    if (this.slos == null && slos != null && !slos.isBlank()) {
      this.slos = slos;
    }
    startedGenerators.add(generatorId);
    expectedShards = Math.max(expectedShards, shardCount);
    if (targetService != null && !targetService.isBlank()) {
      this.targetService = targetService;
    }
  }

  void stageChanged(long atUs, int concurrency) {
    stages.add(new Stage(atUs, concurrency));
  }

  /**
   * A generator finished.
   *
   * @param samplesPublished samples the generator published, or null when it did not say
   */
  void generatorFinished(String generatorId, @Nullable Long samplesPublished, boolean aborted, long nowWallMs) {
    if (!finishedGenerators.add(generatorId)) {
      return; // a redelivered FINISHED must not count its samples twice
    }
    if (samplesPublished == null) {
      samplesPublishedUnknown = true;
    } else {
      this.samplesPublished += samplesPublished;
    }
    this.aborted |= aborted;
    finishedAtWallMs = nowWallMs;
  }

  /** No generator will finish it (see {@link AnalysisSettings#abandonAfter()}): it ends as aborted. */
  void abandon() {
    aborted = true;
  }

  /** Whether every published sample has arrived, so the run can be finalized without waiting for the grace. */
  boolean allSamplesReceived(long samplesReceived) {
    return finished() && !samplesPublishedUnknown && samplesReceived >= samplesPublished;
  }

  /** Whether the grace after FINISHED has passed. */
  boolean graceExpired(long nowWallMs, long graceMs) {
    return finished() && nowWallMs - finishedAtWallMs >= graceMs;
  }

  /** Target concurrency of the stage active at {@code atUs} (µs epoch); 0 if unknown. */
  int concurrencyAt(long atUs) {
    int concurrency = 0;
    long latest = Long.MIN_VALUE;
    for (Stage stage : stages) {
      if (stage.atUs() <= atUs && stage.atUs() >= latest) {
        latest = stage.atUs();
        concurrency = stage.concurrency();
      }
    }
    return concurrency;
  }

  /**
   * The highest target concurrency in effect during [fromUs, toUs). A closed-model stage ramps from the previous
   * stage's target to its own, so a stage overlapping the window contributes both; the target at the window's end
   * alone would report 0 users for a window that ends in a ramp-down.
   */
  int peakConcurrencyBetween(long fromUs, long toUs) {
    List<Stage> ordered = stages.stream().sorted(java.util.Comparator.comparingLong(Stage::atUs)).toList();
    int peak = 0;
    int previous = 0;
    for (int i = 0; i < ordered.size(); i++) {
      Stage stage = ordered.get(i);
      long endUs = i + 1 < ordered.size() ? ordered.get(i + 1).atUs() : Long.MAX_VALUE;
      if (stage.atUs() < toUs && endUs > fromUs) {
        peak = Math.max(peak, Math.max(previous, stage.concurrency()));
      }
      previous = stage.concurrency();
    }
    return peak;
  }

  long lastEvaluatedSecond() {
    return lastEvaluatedSecond;
  }

  void evaluatedThrough(long second) {
    lastEvaluatedSecond = Math.max(lastEvaluatedSecond, second);
  }

  void markFinalized() {
    finalized = true;
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeBoolean(targetService != null);
      if (targetService != null) {
        out.writeUTF(targetService);
      }
      writeSet(out, startedGenerators);
      writeSet(out, finishedGenerators);
      out.writeLong(samplesPublished);
      out.writeBoolean(samplesPublishedUnknown);
      out.writeLong(finishedAtWallMs);
      out.writeBoolean(aborted);
      out.writeBoolean(finalized);
      out.writeLong(lastEvaluatedSecond);
      out.writeInt(stages.size());
      for (Stage stage : stages) {
        out.writeLong(stage.atUs());
        out.writeInt(stage.concurrency());
      }
      out.writeInt(expectedShards);
      byte[] sloBytes = slos == null ? null : slos.getBytes(StandardCharsets.UTF_8);
      out.writeInt(sloBytes == null ? -1 : sloBytes.length);
      if (sloBytes != null) {
        out.write(sloBytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static RunState decode(byte[] bytes) {
    RunState state = new RunState();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION && version != FORMAT_V2 && version != FORMAT_V1) {
        throw new IllegalArgumentException("unknown run state format version " + version);
      }
      state.targetService = in.readBoolean() ? in.readUTF() : null;
      readSet(in, state.startedGenerators);
      readSet(in, state.finishedGenerators);
      state.samplesPublished = in.readLong();
      state.samplesPublishedUnknown = in.readBoolean();
      state.finishedAtWallMs = in.readLong();
      state.aborted = in.readBoolean();
      state.finalized = in.readBoolean();
      state.lastEvaluatedSecond = in.readLong();
      int stageCount = in.readInt();
      for (int i = 0; i < stageCount; i++) {
        state.stages.add(new Stage(in.readLong(), in.readInt()));
      }
      state.expectedShards = version == FORMAT_V1 ? 0 : in.readInt();
      int sloLength = version == FORMAT_VERSION ? in.readInt() : -1;
      if (sloLength >= 0) {
        state.slos = new String(in.readNBytes(sloLength), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return state;
  }

  private static void writeSet(DataOutputStream out, Set<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      out.writeUTF(value);
    }
  }

  private static void readSet(DataInputStream in, Set<String> into) throws IOException {
    int size = in.readInt();
    for (int i = 0; i < size; i++) {
      into.add(in.readUTF());
    }
  }
}
