package io.perfplane.analyzer.stream;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.jspecify.annotations.Nullable;

/**
 * A changelogged key-value store of mutable values (latency slices) that the processor mutates in memory and that
 * are serialized once per commit instead of once per update.
 *
 * <p>Why: a slice is an HdrHistogram whose compressed encoding costs 50-90 µs; Kafka Streams' own record cache holds
 * serialized bytes, so every {@code put} encodes. Here a sample costs a {@code recordValue}; {@link #flushCache()}
 * writes every value touched since the last commit to the inner (metered, changelogging) store.
 *
 * <p>Exactly-once: Kafka Streams calls {@link CachedStateStore#flushCache()} on every registered store in
 * {@code prepareCommit}, before the transaction with the input offsets commits, so the changelog always contains
 * the state of every committed input record. That hook is Kafka's internal interface (stable since 2.x, checked
 * against 4.2); {@code WriteBackStoreTest} fails if a Kafka upgrade stops calling it.
 *
 * <p>Threads: the write-back methods ({@link #forUpdate}, {@link #peek}, {@link #writeBack}) belong to the stream
 * thread. The {@link KeyValueStore} methods read and write the inner store only, so interactive queries from other
 * threads see committed-or-flushed state, never a histogram being mutated.
 */
final class WriteBackStore<V> implements KeyValueStore<String, V>, CachedStateStore<String, V> {

  private final KeyValueStore<String, V> inner;
  private final Map<String, V> dirty = new LinkedHashMap<>();
  private final Map<String, V> clean;
  /** Dirty keys not to keep after their write-back (see {@link #release}). */
  private final Set<String> released = new HashSet<>();
  /** See {@link #generation()}. */
  private long generation;

  private WriteBackStore(KeyValueStore<String, V> inner, int cleanEntries) {
    this.inner = inner;
    this.clean = new LinkedHashMap<>(cleanEntries, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > cleanEntries;
      }
    };
  }

  /**
   * Wraps {@code inner} (which should have Kafka's caching disabled: this store is the cache).
   *
   * @param cleanEntries decoded values kept after they were written back, so the next update need not decode
   */
  static <V> StoreBuilder<WriteBackStore<V>> builder(StoreBuilder<KeyValueStore<String, V>> inner,
      int cleanEntries) {
    return new Builder<>(inner, cleanEntries);
  }

  /**
   * The write-back store behind what {@code ProcessorContext#getStateStore} returns (Kafka wraps every store in a
   * read-write decorator, itself an internal {@link WrappedStateStore}).
   */
  @SuppressWarnings("unchecked")
  static <V> WriteBackStore<V> unwrap(StateStore store) {
    StateStore current = store;
    while (!(current instanceof WriteBackStore<?>) && current instanceof WrappedStateStore<?, ?, ?> wrapped) {
      current = wrapped.wrapped();
    }
    if (current instanceof WriteBackStore<?> writeBack) {
      return (WriteBackStore<V>) writeBack;
    }
    throw new IllegalStateException("store " + store.name() + " is not a write-back store: " + store.getClass());
  }

  /**
   * The value under {@code key} for mutation, created with {@code empty} if absent; it is written to the inner store
   * at the next commit or {@link #writeBack()}. Stream thread only.
   */
  V forUpdate(String key, Supplier<V> empty) {
    if (!released.isEmpty()) {
      released.remove(key); // updated again after all: keep it
    }
    V value = dirty.get(key);
    if (value != null) {
      return value;
    }
    value = clean.remove(key);
    if (value == null) {
      value = inner.get(key);
      value = value == null ? empty.get() : value;
    }
    dirty.put(key, value);
    return value;
  }

  /**
   * Changes whenever a value {@link #forUpdate} returned may have stopped being the one this store writes back: at a
   * write-back (the commit's included), {@link #put}, {@link #delete}, {@link #release} and re-initialization. While
   * it stays the same, a value {@code forUpdate} returned is still its key's pending value, so a caller may keep
   * updating it without looking it up again (the processor does, per sample). Stream thread only.
   */
  long generation() {
    return generation;
  }

  /** The latest value, including unwritten updates, without marking it dirty. Stream thread only. */
  @Nullable V peek(String key) {
    V value = dirty.get(key);
    if (value == null) {
      value = clean.get(key);
    }
    return value != null ? value : inner.get(key);
  }

  /**
   * Stops keeping {@code key}'s value in memory once it is written back: for values that will not be updated again
   * (a settled second). Stream thread only.
   */
  void release(String key) {
    generation++;
    clean.remove(key);
    if (dirty.containsKey(key)) {
      released.add(key);
    }
  }

  /** Writes every value updated since the last write-back to the inner store, e.g. before a range scan. */
  void writeBack() {
    if (dirty.isEmpty()) {
      return;
    }
    generation++;
    for (Map.Entry<String, V> entry : dirty.entrySet()) {
      inner.put(entry.getKey(), entry.getValue());
      if (!released.contains(entry.getKey())) {
        clean.put(entry.getKey(), entry.getValue());
      }
    }
    dirty.clear();
    released.clear();
  }

  /** Number of values awaiting write-back (for tests). */
  int dirtyCount() {
    return dirty.size();
  }

  @Override
  public void flushCache() {
    writeBack();
    if (inner instanceof CachedStateStore<?, ?> cached) {
      cached.flushCache();
    }
  }

  @Override
  public void clearCache() {
    generation++;
    dirty.clear();
    clean.clear();
    released.clear();
    if (inner instanceof CachedStateStore<?, ?> cached) {
      cached.clearCache();
    }
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // A revived task restores its state from the changelog: forget whatever the previous incarnation held.
    generation++;
    dirty.clear();
    clean.clear();
    released.clear();
    inner.init(context, root);
  }

  @Override
  public void flush() {
    writeBack();
    inner.flush();
  }

  @Override
  public void close() {
    generation++;
    dirty.clear();
    clean.clear();
    released.clear();
    inner.close();
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return inner.query(query, positionBound, config);
  }

  @Override
  public org.apache.kafka.streams.query.Position getPosition() {
    return inner.getPosition();
  }

  @Override
  public void put(String key, V value) {
    generation++;
    dirty.remove(key);
    clean.remove(key);
    inner.put(key, value);
  }

  @Override
  public @Nullable V putIfAbsent(String key, V value) {
    writeBack();
    generation++;
    return inner.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<String, V>> entries) {
    entries.forEach(kv -> put(kv.key, kv.value));
  }

  @Override
  public @Nullable V delete(String key) {
    generation++;
    dirty.remove(key);
    clean.remove(key);
    return inner.delete(key);
  }

  @Override
  public @Nullable V get(String key) {
    return inner.get(key);
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    return inner.range(from, to);
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(String from, String to) {
    return inner.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return inner.all();
  }

  @Override
  public KeyValueIterator<String, V> reverseAll() {
    return inner.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
    return inner.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  private record Builder<V>(StoreBuilder<KeyValueStore<String, V>> inner, int cleanEntries)
      implements StoreBuilder<WriteBackStore<V>> {

    @Override
    public StoreBuilder<WriteBackStore<V>> withCachingEnabled() {
      throw new UnsupportedOperationException("a write-back store is its own cache");
    }

    @Override
    public StoreBuilder<WriteBackStore<V>> withCachingDisabled() {
      inner.withCachingDisabled();
      return this;
    }

    @Override
    public StoreBuilder<WriteBackStore<V>> withLoggingEnabled(Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<WriteBackStore<V>> withLoggingDisabled() {
      inner.withLoggingDisabled();
      return this;
    }

    @Override
    public WriteBackStore<V> build() {
      return new WriteBackStore<>(inner.build(), cleanEntries);
    }

    @Override
    public Map<String, String> logConfig() {
      return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return inner.loggingEnabled();
    }

    @Override
    public String name() {
      return inner.name();
    }
  }
}
