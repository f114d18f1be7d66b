package io.perfplane.analyzer.stream;

import io.perfplane.contracts.CheckOutcome;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.RequestSampleCodec;
import org.jspecify.annotations.Nullable;

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
 * @param named the sample's named measurements and check outcomes; null when it has none (v1/v2 samples, most)
 */
record Sample(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs,
    long latencyUs, long actualStartUs, long serviceTimeUs, long ttfbUs, @Nullable Named named) {

  /** A sample without named measurements or checks. */
  Sample(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs, long latencyUs,
      long actualStartUs, long serviceTimeUs, long ttfbUs) {
    this(runId, endpoint, status, errorKind, intendedStartUs, latencyUs, actualStartUs, serviceTimeUs, ttfbUs, null);
  }

  /**
   * A sample's named measurements (parallel arrays, in sample order) and summed check outcomes.
   *
   * @param names measurement names (interned by the decoder)
   * @param kinds their kinds
   * @param values their values (µs for durations)
   * @param checksPassed passed evaluations over all checks of the sample
   * @param checksFailed failed evaluations over all checks of the sample
   */
  record Named(String[] names, MeasurementKind[] kinds, double[] values, long checksPassed, long checksFailed) {
  }

  /** {@link #ttfbUs} of a sample without a time to first byte. */
  static final long NO_TTFB = RequestSampleCodec.NO_TTFB;

  /** A sample with its raw service time equal to its latency and no TTFB (tests, imports without either). */
  Sample(String runId, String endpoint, int status, ErrorKind errorKind, long intendedStartUs, long latencyUs) {
    this(runId, endpoint, status, errorKind, intendedStartUs, latencyUs, intendedStartUs, latencyUs, NO_TTFB);
  }

  static Sample of(RequestSample sample) {
    Named named = null;
    if (!sample.getMeasurements().isEmpty() || !sample.getChecks().isEmpty()) {
      int n = sample.getMeasurements().size();
      String[] names = new String[n];
      MeasurementKind[] kinds = new MeasurementKind[n];
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        Measurement m = sample.getMeasurements().get(i);
        names[i] = m.getName();
        kinds[i] = m.getKind();
        values[i] = m.getValue();
      }
      long passed = 0;
      long failed = 0;
      for (CheckOutcome check : sample.getChecks()) {
        passed += Math.max(0, check.getPassed());
        failed += Math.max(0, check.getFailed());
      }
      named = new Named(names, kinds, values, passed, failed);
    }
    return new Sample(sample.getRunId(), sample.getEndpoint(), sample.getStatus(), sample.getErrorKind(),
        sample.getIntendedStartUs(), sample.getLatencyUs(), sample.getActualStartUs(), sample.getServiceTimeUs(),
        sample.getTtfbUs() == null ? NO_TTFB : sample.getTtfbUs(), named);
  }
}
