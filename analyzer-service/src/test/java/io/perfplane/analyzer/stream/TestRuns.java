package io.perfplane.analyzer.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.RunEventType;
import io.perfplane.contracts.SloBreach;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Materialized.StoreType;

/** A TopologyTestDriver around {@link AnalyzerTopology} with sample and run-event builders. */
public final class TestRuns implements AutoCloseable {

  /** Sample time origin (µs epoch), a whole second. */
  public static final long T0_US = 1_800_000_000L * 1_000_000L;

  public final TopologyTestDriver driver;
  public final TestInputTopic<String, RequestSample> samples;
  public final TestInputTopic<String, RunEvent> events;
  public final TestOutputTopic<String, SloBreach> breaches;
  public final TestOutputTopic<String, CapacityEvent> capacity;
  /** The CloudEvents JSON siblings. */
  public final TestOutputTopic<String, String> breachesJson;
  public final TestOutputTopic<String, String> capacityJson;

  /** In-memory stores: fast, as the driver flushes every store after every record. */
  public TestRuns(AnalysisSettings settings, Path stateDir) {
    this(settings, stateDir, StoreType.IN_MEMORY);
  }

  public TestRuns(AnalysisSettings settings, Path stateDir, StoreType storeType) {
    this(settings, stateDir, storeType, AnalyzerMetrics.NONE);
  }

  public TestRuns(AnalysisSettings settings, Path stateDir, StoreType storeType, AnalyzerMetrics metrics) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analyzer-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(AnalyzerTopology.build(settings, metrics, storeType), props,
        Instant.parse("2027-01-15T10:00:00Z"));
    samples = driver.createInputTopic(Topics.REQUEST_SAMPLES.name(), Topics.REQUEST_SAMPLES.keySerde().serializer(),
        Topics.REQUEST_SAMPLES.valueSerde().serializer());
    events = driver.createInputTopic(Topics.RUN_EVENTS.name(), Topics.RUN_EVENTS.keySerde().serializer(),
        Topics.RUN_EVENTS.valueSerde().serializer());
    breaches = driver.createOutputTopic(Topics.SLO_BREACHES.name(), Topics.SLO_BREACHES.keySerde().deserializer(),
        Topics.SLO_BREACHES.valueSerde().deserializer());
    capacity = driver.createOutputTopic(Topics.CAPACITY_EVENTS.name(),
        Topics.CAPACITY_EVENTS.keySerde().deserializer(), Topics.CAPACITY_EVENTS.valueSerde().deserializer());
    breachesJson = driver.createOutputTopic(Topics.SLO_BREACHES_JSON.name(),
        Topics.SLO_BREACHES_JSON.keySerde().deserializer(), Topics.SLO_BREACHES_JSON.valueSerde().deserializer());
    capacityJson = driver.createOutputTopic(Topics.CAPACITY_EVENTS_JSON.name(),
        Topics.CAPACITY_EVENTS_JSON.keySerde().deserializer(), Topics.CAPACITY_EVENTS_JSON.valueSerde().deserializer());
  }

  /** Settings with the given SLOs, a 5 s capacity window and a 5 s grace, evaluating every second. */
  public static AnalysisSettings settings(Slo... slos) {
    return new AnalysisSettings(List.of(slos), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1));
  }

  /** A sample of {@code runId} starting {@code offsetUs} after {@link #T0_US}. */
  public static RequestSample sample(String runId, String endpoint, long offsetUs, long latencyUs, boolean error) {
    long start = T0_US + offsetUs;
    return RequestSample.newBuilder()
        .setRunId(runId)
        .setGeneratorId("gen-1")
        .setScenario("default")
        .setEndpoint(endpoint)
        .setMethod("GET")
        .setStatus(error ? 500 : 200)
        .setErrorKind(error ? ErrorKind.HTTP_STATUS : ErrorKind.NONE)
        .setIntendedStartUs(start)
        .setActualStartUs(start)
        .setLatencyUs(latencyUs)
        .setServiceTimeUs(latencyUs)
        .build();
  }

  /** Pipes {@code perSecond} samples in each second of [{@code fromSecond}, {@code toSecond}] after T0. */
  public int pipeSeconds(String runId, String endpoint, int fromSecond, int toSecond, int perSecond,
      long latencyUs, boolean error) {
    int count = 0;
    for (int second = fromSecond; second <= toSecond; second++) {
      for (int i = 0; i < perSecond; i++) {
        long offset = second * 1_000_000L + i * (500_000L / perSecond); // every request ends inside its second
        samples.pipeInput(runId, sample(runId, endpoint, offset, latencyUs, error));
        count++;
      }
    }
    return count;
  }

  public void pipeEvent(String runId, RunEventType type, Map<String, String> attributes,
      Integer targetConcurrency) {
    events.pipeInput(runId, RunEvent.newBuilder()
        .setRunId(runId)
        .setType(type)
        .setAtUs(T0_US)
        .setGeneratorId("gen-1")
        .setTargetConcurrency(targetConcurrency)
        .setAttributes(attributes)
        .build());
  }

  public void finished(String runId, long samplesPublished) {
    pipeEvent(runId, RunEventType.FINISHED, Map.of("samplesPublished", Long.toString(samplesPublished)), null);
  }

  /** Advances wall-clock time, firing the evaluation punctuator. */
  public void tick(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  @Override
  public void close() {
    driver.close();
  }
}
