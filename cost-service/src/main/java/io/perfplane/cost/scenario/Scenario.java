package io.perfplane.cost.scenario;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A user population to size and price the system for.
 *
 * <p>The peak rate is the larger of two views of the same population: concurrency ({@code concurrentUsers.max}
 * users each sending {@code requestsPerSession} requests over {@code sessionMinutes}) and volume (the month's
 * requests averaged over 30 days, times {@code peakFactor}). Sizing for the larger keeps both a spiky small
 * audience and a steady large one inside the fleet.
 *
 * @param name scenario name, e.g. {@code 1k-users}; part of the estimate's Kafka key, so free of {@code |} and
 *     {@code /}
 * @param usersPerMonth distinct users per month, {@code > 0}
 * @param concurrentUsers users active at the same moment
 * @param peakFactor busiest-hour request rate / monthly average rate, {@code >= 1}
 * @param sessionsPerUserPerMonth sessions each user opens per month, {@code > 0}
 * @param requestsPerSession API requests per session (static assets are not counted), {@code > 0}
 * @param sessionMinutes length of one session (minutes), {@code > 0}
 * @param initialDataGb database size before growth (GB), {@code >= 0}
 * @param dataGrowthGbPerMonth database growth (GB per month), {@code >= 0}
 * @param retentionMonths months of data (and of growth) kept, {@code >= 1}
 * @param availability availability tier
 * @param usesKafka whether the workload itself produces to or consumes from Kafka; only then is MSK part of its
 *     fleet (api-service, a dashboard on PostgreSQL, does not: perfplane's own pipeline is not the priced workload)
 */
public record Scenario(String name, long usersPerMonth, ConcurrentUsers concurrentUsers, BigDecimal peakFactor,
    BigDecimal sessionsPerUserPerMonth, BigDecimal requestsPerSession, BigDecimal sessionMinutes,
    BigDecimal initialDataGb, BigDecimal dataGrowthGbPerMonth, int retentionMonths, Availability availability,
    boolean usesKafka) {

  /** Seconds in the 30-day month request rates are averaged over. */
  public static final long SECONDS_PER_MONTH = 30L * 24 * 3600;

  /** A scenario whose workload does not use Kafka (the default of the scenario file). */
  public Scenario(String name, long usersPerMonth, ConcurrentUsers concurrentUsers, BigDecimal peakFactor,
      BigDecimal sessionsPerUserPerMonth, BigDecimal requestsPerSession, BigDecimal sessionMinutes,
      BigDecimal initialDataGb, BigDecimal dataGrowthGbPerMonth, int retentionMonths, Availability availability) {
    this(name, usersPerMonth, concurrentUsers, peakFactor, sessionsPerUserPerMonth, requestsPerSession,
        sessionMinutes, initialDataGb, dataGrowthGbPerMonth, retentionMonths, availability, false);
  }

  public Scenario {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.contains("|") || name.contains("/")) {
      // '|' separates runId and scenario in the cost-estimates key, '/' separates scenario and strategy.
      throw new ScenarioException("name", "must be non-blank and free of '|' and '/', was '" + name + "'");
    }
    if (usersPerMonth <= 0) {
      throw new ScenarioException("usersPerMonth", "must be > 0, was " + usersPerMonth);
    }
    Objects.requireNonNull(concurrentUsers, "concurrentUsers");
    Objects.requireNonNull(availability, "availability");
    atLeast("peakFactor", peakFactor, BigDecimal.ONE, false);
    atLeast("sessionsPerUserPerMonth", sessionsPerUserPerMonth, BigDecimal.ZERO, true);
    atLeast("requestsPerSession", requestsPerSession, BigDecimal.ZERO, true);
    atLeast("sessionMinutes", sessionMinutes, BigDecimal.ZERO, true);
    atLeast("initialDataGb", initialDataGb, BigDecimal.ZERO, false);
    atLeast("dataGrowthGbPerMonth", dataGrowthGbPerMonth, BigDecimal.ZERO, false);
    if (retentionMonths < 1) {
      throw new ScenarioException("retentionMonths", "must be >= 1, was " + retentionMonths);
    }
  }

  private static void atLeast(String field, BigDecimal value, BigDecimal bound, boolean strict) {
    if (value == null) {
      throw new ScenarioException(field, "is required");
    }
    int cmp = value.compareTo(bound);
    if (cmp < 0 || (strict && cmp == 0)) {
      throw new ScenarioException(field, "must be " + (strict ? "> " : ">= ") + bound.toPlainString() + ", was "
          + value.toPlainString());
    }
  }

  /** API requests per month: users × sessions × requests per session. */
  public BigDecimal monthlyRequests() {
    return BigDecimal.valueOf(usersPerMonth).multiply(sessionsPerUserPerMonth).multiply(requestsPerSession);
  }

  /** Sessions per month: users × sessions per user. */
  public BigDecimal monthlySessions() {
    return BigDecimal.valueOf(usersPerMonth).multiply(sessionsPerUserPerMonth);
  }

  /** Average requests/s over the 30-day month. */
  public BigDecimal averageRps() {
    return monthlyRequests().divide(BigDecimal.valueOf(SECONDS_PER_MONTH), MathContext.DECIMAL64);
  }

  /** Requests/s at the busiest hour judged by volume: average × peak factor. */
  public BigDecimal volumePeakRps() {
    return averageRps().multiply(peakFactor, MathContext.DECIMAL64);
  }

  /** Requests/s at the busiest hour judged by concurrency: max concurrent users × requests per session-second. */
  public BigDecimal concurrencyPeakRps() {
    return BigDecimal.valueOf(concurrentUsers.max()).multiply(requestsPerSession)
        .divide(sessionMinutes.multiply(BigDecimal.valueOf(60)), MathContext.DECIMAL64);
  }

  /** Requests/s the fleet is sized for: the larger of the volume and concurrency peaks, scale 6 (HALF_UP). */
  public BigDecimal peakRps() {
    return volumePeakRps().max(concurrencyPeakRps()).setScale(6, RoundingMode.HALF_UP);
  }

  /** Database size once retention is reached: initial + growth × retention months (GB). */
  public BigDecimal retainedDataGb() {
    return initialDataGb.add(dataGrowthGbPerMonth.multiply(BigDecimal.valueOf(retentionMonths)));
  }

  /**
   * The same audience {@code factor} times larger (users, concurrency and data growth scale; behaviour per user
   * does not). Used for the growth factor of an estimate.
   */
  public Scenario grownBy(int factor) {
    BigDecimal f = BigDecimal.valueOf(factor);
    return new Scenario(name + "-x" + factor, usersPerMonth * factor,
        new ConcurrentUsers(concurrentUsers.min() * factor, concurrentUsers.max() * factor), peakFactor,
        sessionsPerUserPerMonth, requestsPerSession, sessionMinutes, initialDataGb.multiply(f),
        dataGrowthGbPerMonth.multiply(f), retentionMonths, availability, usesKafka);
  }
}
