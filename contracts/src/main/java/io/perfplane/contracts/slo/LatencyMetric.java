package io.perfplane.contracts.slo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which time of a request a latency SLO measures; wire names as in an SLO file's {@code metric:}.
 *
 * <p>{@link #LATENCY} is corrected for coordinated omission: from the request's <em>intended</em> start to its last
 * response byte, so a stalled client does not hide the wait. {@link #SERVICE_TIME} is the raw time from the actual
 * start, what the server took once it had the request. {@link #TTFB} is the time to the first response byte from the
 * actual start (only requests whose client exposed it).
 */
public enum LatencyMetric {
  LATENCY,
  SERVICE_TIME,
  TTFB;

  /** Wire name: {@code latency}, {@code service_time} or {@code ttfb}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The metric with this wire name. */
  public static Optional<LatencyMetric> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
  }
}
