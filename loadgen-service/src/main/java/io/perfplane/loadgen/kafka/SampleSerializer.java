package io.perfplane.loadgen.kafka;

import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.RequestSampleCodec;
import io.perfplane.contracts.kafka.SingleObjectCodec;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@link RequestSample}s with one of contracts' single-thread codec writers, which reuses its buffers and
 * encodes field by field: byte for byte what {@code Topics.REQUEST_SAMPLES}' serde writes, without its per-thread
 * lookup. Not thread-safe: the producer calls it from {@link KafkaSamplePublisher}'s one drainer thread.
 */
public final class SampleSerializer implements Serializer<RequestSample> {

  private final SingleObjectCodec.Writer<RequestSample> writer = new RequestSampleCodec().newWriter();

  @Override
  public byte @Nullable [] serialize(String topic, @Nullable RequestSample sample) {
    return sample == null ? null : writer.encode(sample);
  }
}
