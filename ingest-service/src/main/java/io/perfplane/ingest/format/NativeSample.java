package io.perfplane.ingest.format;

import java.util.List;
import java.util.Map;

import io.perfplane.contracts.ErrorKind;

import org.jspecify.annotations.Nullable;

/**
 * One validated line of the native format. All times in microseconds.
 *
 * @param endpoint endpoint label, non-blank
 * @param method HTTP method, upper case
 * @param status HTTP status, 0 (no response) or 100..599
 * @param startUs when the request was sent (µs epoch)
 * @param latencyUs time from send to last response byte (µs), {@code >= 0}
 * @param ttfbUs time to first response byte (µs), {@code <= latencyUs}, if given
 * @param bytesIn response bytes, {@code >= 0}
 * @param bytesOut request bytes, {@code >= 0}
 * @param scenario scenario name ("default" when absent)
 * @param errorKind why the request failed; {@code NONE} when it succeeded
 * @param tags free-form string tags
 * @param measurements named measurements (server timings, web vitals, tool metrics), in the tool's order
 * @param checks check outcomes per check name
 */
public record NativeSample(String endpoint, String method, int status, long startUs, long latencyUs,
    @Nullable Long ttfbUs, long bytesIn, long bytesOut, String scenario, ErrorKind errorKind, Map<String, String> tags,
    List<Measurement> measurements, List<CheckCount> checks) {

  public NativeSample {
    tags = Map.copyOf(tags);
    measurements = List.copyOf(measurements);
    checks = List.copyOf(checks);
  }

  /** A sample without measurements or checks. */
  public NativeSample(String endpoint, String method, int status, long startUs, long latencyUs,
      @Nullable Long ttfbUs, long bytesIn, long bytesOut, String scenario, ErrorKind errorKind,
      Map<String, String> tags) {
    this(endpoint, method, status, startUs, latencyUs, ttfbUs, bytesIn, bytesOut, scenario, errorKind, tags,
        List.of(), List.of());
  }
}
