package io.perfplane.analyzer.stream;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.RequestSampleCodec;

/**
 * The fields of a {@link RequestSample} the analyzer aggregates, as {@link SampleDecoder} reads them.
 *
 * @param runId run id (interned per stream thread by the decoder)
 * @param endpoint endpoint label (interned likewise)
 * @param status HTTP status, 0 without a response
 * @param errorKind failure classification, {@code NONE} when the request succeeded
 * @param intendedStartUs intended start (µs epoch)
 * @param latencyUs coordinated-omission corrected latency (µs)
 * @param actualStartUs actual start (µs epoch)
 * @param serviceTimeUs raw service time from the actual start (µs)
 * @param ttfbUs time to first byte from the actual start (µs), {@link #NO_TTFB} when the client did not expose it
 */
record Sample(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs,
    long latencyUs, long actualStartUs, long serviceTimeUs, long ttfbUs) {

  /** {@link #ttfbUs} of a sample without a time to first byte. */
  static final long NO_TTFB = RequestSampleCodec.NO_TTFB;

  /** A sample with its raw service time equal to its latency and no TTFB (tests, imports without either). */
  Sample(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs, long latencyUs) {
    this(runId, endpoint, status, errorKind, intendedStartUs, latencyUs, intendedStartUs, latencyUs, NO_TTFB);
  }

  static Sample of(RequestSample sample) {
    return new Sample(sample.getRunId(), sample.getEndpoint(), sample.getStatus(), sample.getErrorKind(),
        sample.getIntendedStartUs(), sample.getLatencyUs(), sample.getActualStartUs(), sample.getServiceTimeUs(),
        sample.getTtfbUs() == null ? NO_TTFB : sample.getTtfbUs());
  }
}
