package io.perfplane.analyzer.stream;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;

/**
 * The fields of a {@link RequestSample} the analyzer aggregates, as {@link SampleDecoder} reads them.
 *
 * @param runId run id (interned per stream thread by the decoder)
 * @param endpoint endpoint label (interned likewise)
 * @param status HTTP status, 0 without a response
 * @param errorKind failure classification, {@code NONE} when the request succeeded
 * @param intendedStartUs intended start (µs epoch)
 * @param latencyUs coordinated-omission corrected latency (µs)
 */
record Sample(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs,
    long latencyUs) {

  static Sample of(RequestSample sample) {
    return new Sample(sample.getRunId(), sample.getEndpoint(), sample.getStatus(), sample.getErrorKind(),
        sample.getIntendedStartUs(), sample.getLatencyUs());
  }
}
