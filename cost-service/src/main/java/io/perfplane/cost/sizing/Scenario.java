package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A user-population scenario to size and price the system for.
 *
 * @param name scenario name, e.g. {@code 1k-users}; part of the estimate's Kafka key
 * @param monthlyUsers users per month, {@code > 0}
 * @param requestsPerUserPerMonth HTTP requests each user makes to the system under test per month, {@code > 0}
 * @param peakToAverage ratio of peak to average throughput, {@code >= 1}
 */
public record Scenario(String name, long monthlyUsers, double requestsPerUserPerMonth, double peakToAverage) {

  /** Seconds in the 30-day month the request rate is averaged over. */
  public static final long SECONDS_PER_MONTH = 30L * 24 * 3600;

  public Scenario {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.contains("|")) {
      // '|' separates runId and scenario in the cost-estimates key.
      throw new IllegalArgumentException("scenario name must be non-blank and free of '|': '" + name + "'");
    }
    if (monthlyUsers <= 0) {
      throw new IllegalArgumentException("monthlyUsers must be > 0 in scenario " + name + ": " + monthlyUsers);
    }
    if (!(requestsPerUserPerMonth > 0) || Double.isInfinite(requestsPerUserPerMonth)) {
      throw new IllegalArgumentException("requestsPerUserPerMonth must be > 0 in scenario " + name + ": "
          + requestsPerUserPerMonth);
    }
    if (!(peakToAverage >= 1) || Double.isInfinite(peakToAverage)) {
      throw new IllegalArgumentException("peakToAverage must be >= 1 in scenario " + name + ": " + peakToAverage);
    }
  }

  /** Average requests/s over the month: users × requests per user / seconds per month. */
  public BigDecimal averageRps() {
    return BigDecimal.valueOf(monthlyUsers)
        .multiply(BigDecimal.valueOf(requestsPerUserPerMonth))
        .divide(BigDecimal.valueOf(SECONDS_PER_MONTH), MathContext.DECIMAL64);
  }

  /** Peak requests/s the fleet must serve: {@link #averageRps()} × peak-to-average. */
  public BigDecimal peakRps() {
    return averageRps().multiply(BigDecimal.valueOf(peakToAverage), MathContext.DECIMAL64)
        .setScale(6, RoundingMode.HALF_UP);
  }
}
