package io.perfplane.analyzer.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.perfplane.analyzer.window.LatencySlice;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBackStoreTest {

  @TempDir
  Path stateDir;

  private static WriteBackStore<LatencySlice> store() {
    WriteBackStore<LatencySlice> store = WriteBackStore.builder(Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore("slices"), org.apache.kafka.common.serialization.Serdes.String(),
        AnalyzerTopology.sliceSerde()).withLoggingDisabled(), 4).build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  @Test
  void updatesStayInMemoryUntilWriteBackAndAreThenSerializedOnce() {
    WriteBackStore<LatencySlice> store = store();
    for (int i = 0; i < 1000; i++) {
      store.forUpdate("r|*|1", LatencySlice::empty).record(1000 + i, false, 0, 1);
    }
    assertThat(store.get("r|*|1")).as("the inner store has not been written yet").isNull();
    assertThat(store.peek("r|*|1").requests()).isEqualTo(1000);
    assertThat(store.dirtyCount()).isEqualTo(1);

    store.flushCache(); // what Kafka Streams calls in prepareCommit, before the transaction commits

    assertThat(store.dirtyCount()).isZero();
    LatencySlice written = store.get("r|*|1");
    assertThat(written).isNotNull();
    assertThat(written.requests()).isEqualTo(1000);
    store.forUpdate("r|*|1", LatencySlice::empty).record(5, true, 0, 1);
    assertThat(store.get("r|*|1").requests()).as("inner keeps the last written value").isEqualTo(1000);
    store.writeBack();
    assertThat(store.get("r|*|1").errors()).isEqualTo(1);
  }

  @Test
  void aReleasedValueIsWrittenBackButNotKeptUnlessUpdatedAgain() {
    WriteBackStore<LatencySlice> store = store();
    LatencySlice settled = store.forUpdate("r|*|1", LatencySlice::empty);
    settled.record(1_000, false, 0, 1);
    LatencySlice hot = store.forUpdate("r|*|2", LatencySlice::empty);
    hot.record(2_000, false, 0, 1);
    store.release("r|*|1");
    store.release("r|*|2");
    store.forUpdate("r|*|2", LatencySlice::empty).record(3_000, false, 0, 1); // updated again: kept after all

    store.writeBack();

    assertThat(store.get("r|*|1").requests()).as("written back").isEqualTo(1);
    assertThat(store.peek("r|*|1")).as("read from the store, not kept").isNotSameAs(settled);
    assertThat(store.peek("r|*|2")).isSameAs(hot);
    assertThat(store.get("r|*|2").requests()).isEqualTo(2);
  }

  @Test
  void theGenerationChangesWheneverAValueTakenForUpdateMayNoLongerBeThePendingOne() {
    WriteBackStore<LatencySlice> store = store();
    LatencySlice taken = store.forUpdate("k", LatencySlice::empty);
    long generation = store.generation();
    store.forUpdate("other", LatencySlice::empty);
    store.peek("k");
    assertThat(store.forUpdate("k", LatencySlice::empty)).isSameAs(taken);
    assertThat(store.generation()).as("lookups and more updates keep it").isEqualTo(generation);

    store.writeBack();
    assertThat(store.generation()).as("written back: an update to the old value would be lost")
        .isNotEqualTo(generation);
    store.writeBack(); // nothing pending: no value handed out since can be affected
    assertThat(store.generation()).isEqualTo(generation + 1);

    List<Runnable> changes = List.of(() -> store.put("k", LatencySlice.empty()), () -> store.delete("k"),
        () -> store.release("k"), () -> store.putIfAbsent("k", LatencySlice.empty()), store::flushCache,
        store::clearCache, () -> store.init(new MockProcessorContext<>().getStateStoreContext(), store));
    for (Runnable change : changes) {
      store.forUpdate("k", LatencySlice::empty);
      long before = store.generation();
      change.run();
      assertThat(store.generation()).isNotEqualTo(before);
    }
  }

  @Test
  void reinitializingForgetsUnwrittenUpdates() {
    WriteBackStore<LatencySlice> store = store();
    store.forUpdate("k", LatencySlice::empty).record(1, false, 0, 1);
    store.writeBack();
    store.forUpdate("k", LatencySlice::empty).record(1, false, 0, 1);
    // A revived task restores from the changelog; an update not yet written was never committed.
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    assertThat(store.dirtyCount()).isZero();
  }

  /** Guards the exactly-once contract: the commit path must write the in-memory slices to the changelog. */
  @Test
  void kafkaStreamsCommitWritesTheSlicesToTheirChangelog() {
    try (TestRuns runs = new TestRuns(TestRuns.settings(), stateDir)) {
      runs.pipeSeconds("r1", "GET /a", 0, 0, 3, 20_000, false);
      List<TestRecord<String, byte[]>> changelog = runs.driver.createOutputTopic(
          "analyzer-test-" + AnalyzerTopology.TOTALS_STORE + "-changelog", new StringDeserializer(),
          new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList();
      assertThat(changelog).isNotEmpty();
      TestRecord<String, byte[]> last = changelog.getLast();
      assertThat(last.key()).isEqualTo(StoreKeys.total("r1", "GET /a"));
      assertThat(LatencySlice.decode(last.value()).requests()).isEqualTo(3);
    }
  }
}
