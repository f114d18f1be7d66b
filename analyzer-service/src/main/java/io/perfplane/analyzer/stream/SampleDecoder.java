package io.perfplane.analyzer.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.contracts.kafka.RequestSampleCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes {@code request-samples} values into {@link Sample}s through contracts' {@link RequestSampleCodec}, which
 * reads only the fields the analyzer aggregates (or resolves an older writer schema).
 *
 * <p>Run ids and endpoints are interned per thread (a bounded table keyed by their UTF-8 bytes): a task sees few
 * distinct ones, so a record allocates no strings and its store keys can be cached by identity.
 *
 * <p>Thread-safe (Kafka Streams shares a source's deserializer between stream threads).
 */
final class SampleDecoder implements Deserializer<Object> {

  private final RequestSampleCodec codec = new RequestSampleCodec();
  private final ThreadLocal<Fields> fields = ThreadLocal.withInitial(() -> new Fields(codec.newReader()));

  @Override
  public @Nullable Object deserialize(String topic, byte @Nullable [] bytes) {
    if (bytes == null) {
      return null;
    }
    Fields sink = fields.get();
    sink.reset();
    Sample sample = sink.reader.readAggregated(bytes, sink, sink);
    return sink.named(sample);
  }

  /**
   * One per thread: the codec hands it a sample's fields, it interns the strings and makes the {@link Sample}. It
   * keeps the thread's reader, which reuses its cursor from record to record.
   */
  private static final class Fields implements RequestSampleCodec.AggregatedFields<Sample>,
      RequestSampleCodec.NamedFields {
    private final Interner interner = new Interner();
    private final RequestSampleCodec.Reader reader;
    private String[] names = new String[8];
    private MeasurementKind[] kinds = new MeasurementKind[8];
    private double[] values = new double[8];
    private int count;
    private long passed;
    private long failed;
    private boolean checks;

    Fields(RequestSampleCodec.Reader reader) {
      this.reader = reader;
    }

    @Override
    public String string(byte[] utf8, int offset, int length) {
      return interner.intern(utf8, offset, length);
    }

    @Override
    public Sample fields(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs,
        long actualStartUs, long latencyUs, long serviceTimeUs, long ttfbUs) {
      return new Sample(runId, endpoint, status, errorKind, intendedStartUs, latencyUs, actualStartUs, serviceTimeUs,
          ttfbUs);
    }

    void reset() {
      count = 0;
      passed = 0;
      failed = 0;
      checks = false;
    }

    @Override
    public void measurement(String name, MeasurementKind kind, double value) {
      if (count == names.length) {
        names = Arrays.copyOf(names, count * 2);
        kinds = Arrays.copyOf(kinds, count * 2);
        values = Arrays.copyOf(values, count * 2);
      }
      names[count] = name;
      kinds[count] = kind;
      values[count++] = value;
    }

    @Override
    public void check(String name, int passed, int failed) {
      checks = true;
      this.passed += Math.max(0, passed);
      this.failed += Math.max(0, failed);
    }

    /** {@code sample} with the named fields just read; itself (no allocation) when there were none. */
    Sample named(Sample sample) {
      if (count == 0 && !checks) {
        return sample;
      }
      Sample.Named named = new Sample.Named(Arrays.copyOf(names, count), Arrays.copyOf(kinds, count),
          Arrays.copyOf(values, count), passed, failed);
      Arrays.fill(names, 0, count, null);
      return new Sample(sample.runId(), sample.endpoint(), sample.status(), sample.errorKind(),
          sample.intendedStartUs(), sample.latencyUs(), sample.actualStartUs(), sample.serviceTimeUs(),
          sample.ttfbUs(), named);
    }
  }

  /**
   * The request-samples key (the run id, UTF-8) as an interned String: Kafka Streams deserializes every record's key,
   * and a new String per sample was ~5% of the stream threads' CPU (the processor reads the run id from the sample).
   */
  static final class Keys implements Deserializer<String> {
    private final ThreadLocal<Interner> interners = ThreadLocal.withInitial(Interner::new);

    @Override
    public @Nullable String deserialize(String topic, byte @Nullable [] bytes) {
      return bytes == null ? null : interners.get().intern(bytes, 0, bytes.length);
    }
  }

  /** Direct-mapped string cache keyed by UTF-8 bytes: a collision just replaces the entry, so it stays bounded. */
  static final class Interner {
    private static final int SLOTS = 1024;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    String intern(byte[] buffer, int offset, int length) {
      int hash = 1;
      for (int i = offset; i < offset + length; i++) {
        hash = 31 * hash + buffer[i];
      }
      int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
      byte[] key = keys[slot];
      if (key != null && Arrays.equals(key, 0, key.length, buffer, offset, offset + length)) {
        return values[slot];
      }
      String value = new String(buffer, offset, length, StandardCharsets.UTF_8);
      keys[slot] = Arrays.copyOfRange(buffer, offset, offset + length);
      values[slot] = value;
      return value;
    }
  }
}
