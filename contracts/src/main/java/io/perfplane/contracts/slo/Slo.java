package io.perfplane.contracts.slo;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A service level objective evaluated over a rolling window.
 *
 * @param id stable id, part of the breach key
 * @param endpoint endpoint label the SLO applies to, or {@code "*"} for all endpoints together
 * @param indicator what is measured
 * @param objective highest acceptable value: milliseconds for latency indicators, a 0..1 ratio for the error rate;
 *     the SLO is violated when the observed value is above it
 * @param window rolling window length, whole seconds, at least 1 s
 * @param minRequests fewer requests than this in a window give no verdict (too noisy), at least 1
 * @param abortOnFail when a breach of this SLO opens, the analyzer requests that every generator of the run abort
 *     (an {@code AbortRequest} on {@code abort-requests}, requestedBy {@code analyzer})
 * @param burnRate for an error-rate SLO, multi-window multi-burn-rate rules replacing the single rolling window:
 *     the breach opens when a rule fires and resolves when none does; its target is {@code 1 - objective}. Null for
 *     a plain threshold over {@code window}
 * @param pendingFor a breach opens only after the objective failed this long without holding in between (event
 *     time), as a Prometheus alerting rule's {@code for}; null for the default ({@link #forSeconds()})
 * @param keepFiringFor an open breach resolves only after the objective held this long (event time), as a
 *     Prometheus rule's {@code keep_firing_for}; null for the default ({@link #keepFiringForSeconds()})
 * @param metric which time a latency indicator measures: corrected latency (the default), raw service time or time
 *     to first byte; always {@link LatencyMetric#LATENCY} for the error rate and for a {@code measure}
 * @param measure a named measurement the SLO judges instead of {@code metric} ({@code server_timing.db},
 *     {@code web_vital.lcp}, ADR 0007), or the check outcomes ({@link Measure#CHECKS}: {@code checks > 95%} is an
 *     error-rate SLO whose errors are failed checks, objective 0.05); null for the whole-request metrics
 */
public record Slo(String id, String endpoint, Indicator indicator, double objective, Duration window,
    int minRequests, boolean abortOnFail, @Nullable BurnRatePolicy burnRate, @Nullable Duration pendingFor,
    @Nullable Duration keepFiringFor, LatencyMetric metric, @Nullable Measure measure) {

  /**
   * A named measurement an SLO judges.
   *
   * @param name its name, e.g. {@code server_timing.db}; {@code checks} for the check outcomes
   * @param score whether its values are unitless scores ({@code web_vital.cls}: the objective has no unit) rather
   *     than durations (objective in ms)
   */
  public record Measure(String name, boolean score) {

    /** The check outcomes: their failed ratio is the error rate of a {@code checks > N%} SLO. */
    public static final Measure CHECKS = new Measure("checks", false);

    /** Whether this is {@link #CHECKS}. */
    public boolean checks() {
      return name.equals(CHECKS.name);
    }
  }

  /** An SLO of a whole-request metric. */
  public Slo(String id, String endpoint, Indicator indicator, double objective, Duration window,
      int minRequests, boolean abortOnFail, @Nullable BurnRatePolicy burnRate, @Nullable Duration pendingFor,
      @Nullable Duration keepFiringFor, LatencyMetric metric) {
    this(id, endpoint, indicator, objective, window, minRequests, abortOnFail, burnRate, pendingFor, keepFiringFor,
        metric, null);
  }

  /** Default {@code keepFiringFor} of a threshold SLO, unless its window is longer. */
  public static final Duration DEFAULT_KEEP_FIRING_FOR = Duration.ofSeconds(60);

  /** An SLO of the corrected latency (or of the error rate). */
  public Slo(String id, String endpoint, Indicator indicator, double objective, Duration window,
      int minRequests, boolean abortOnFail, @Nullable BurnRatePolicy burnRate, @Nullable Duration pendingFor,
      @Nullable Duration keepFiringFor) {
    this(id, endpoint, indicator, objective, window, minRequests, abortOnFail, burnRate, pendingFor, keepFiringFor,
        LatencyMetric.LATENCY);
  }

  /** An SLO with the default breach lifecycle. */
  public Slo(String id, String endpoint, Indicator indicator, double objective, Duration window,
      int minRequests, boolean abortOnFail, @Nullable BurnRatePolicy burnRate) {
    this(id, endpoint, indicator, objective, window, minRequests, abortOnFail, burnRate, null, null);
  }

  /** A threshold SLO over its rolling window. */
  public Slo(String id, String endpoint, Indicator indicator, double objective, Duration window,
      int minRequests, boolean abortOnFail) {
    this(id, endpoint, indicator, objective, window, minRequests, abortOnFail, null);
  }

  /** An SLO that only reports breaches (no abort). */
  public Slo(String id, String endpoint, Indicator indicator, double objective, Duration window, int minRequests) {
    this(id, endpoint, indicator, objective, window, minRequests, false);
  }

  /** The endpoint label meaning "all endpoints together". */
  public static final String ALL_ENDPOINTS = "*";

  public Slo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(metric, "metric");
    if (indicator == Indicator.ERROR_RATE && metric != LatencyMetric.LATENCY) {
      throw new IllegalArgumentException("SLO '" + id + "' metric " + metric.id() + " needs a latency objective");
    }
    if (measure != null && metric != LatencyMetric.LATENCY) {
      throw new IllegalArgumentException("SLO '" + id + "' judges " + measure.name() + ", not " + metric.id());
    }
    if (measure != null && measure.checks() != (indicator == Indicator.ERROR_RATE)) {
      throw new IllegalArgumentException("SLO '" + id + "' metric " + measure.name() + (measure.checks()
          ? " needs a pass-rate objective ('checks > 95%')" : " needs a percentile objective ('p95 < 100ms')"));
    }
    if (id.isBlank() || id.contains("|")) {
      throw new IllegalArgumentException("SLO id must be non-blank without '|': '" + id + "'");
    }
    if (!(objective >= 0) || (indicator == Indicator.ERROR_RATE && objective > 1)) {
      throw new IllegalArgumentException("SLO '" + id + "' objective out of range for " + indicator.id()
          + ": " + objective);
    }
    if (window.toMillis() < 1000 || window.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("SLO '" + id + "' window must be whole seconds >= 1s: " + window);
    }
    if (minRequests < 1) {
      throw new IllegalArgumentException("SLO '" + id + "' minRequests must be >= 1: " + minRequests);
    }
    for (Duration d : new Duration[] {pendingFor, keepFiringFor}) {
      if (d != null && (d.isNegative() || d.toMillis() % 1000 != 0)) {
        throw new IllegalArgumentException("SLO '" + id + "' for/keepFiringFor must be whole seconds >= 0s: " + d);
      }
    }
    if (burnRate != null) {
      if (indicator != Indicator.ERROR_RATE) {
        throw new IllegalArgumentException("SLO '" + id + "' burn-rate rules need a ratio (error_rate) objective");
      }
      // The budget is the objective itself: a mismatch would alert on a different SLO than the one reported.
      if (Math.abs(burnRate.errorBudget() - objective) > 1e-9) {
        throw new IllegalArgumentException("SLO '" + id + "' burn-rate target " + burnRate.target()
            + " does not match the error-rate objective " + objective);
      }
    }
  }

  /**
   * How long (s) the objective must fail before a breach opens: {@code pendingFor}, else one window for a threshold
   * SLO (a single bad window of a borderline series is noise, not an incident) and 0 for burn-rate rules (their long
   * window already demands a sustained burn).
   */
  public int forSeconds() {
    if (pendingFor != null) {
      return Math.toIntExact(pendingFor.toSeconds());
    }
    return burnRate != null ? 0 : windowSeconds();
  }

  /**
   * How long (s) the objective must hold before an open breach resolves: {@code keepFiringFor}, else 0 for burn-rate
   * rules (the short window decides recovery) and {@link #DEFAULT_KEEP_FIRING_FOR} or one window, whichever is
   * longer, for a threshold SLO.
   */
  public int keepFiringForSeconds() {
    if (keepFiringFor != null) {
      return Math.toIntExact(keepFiringFor.toSeconds());
    }
    return burnRate != null ? 0 : Math.max(Math.toIntExact(DEFAULT_KEEP_FIRING_FOR.toSeconds()), windowSeconds());
  }

  /** This SLO with an explicit breach lifecycle. */
  public Slo withLifecycle(@Nullable Duration pendingFor, @Nullable Duration keepFiringFor) {
    return new Slo(id, endpoint, indicator, objective, window, minRequests, abortOnFail, burnRate, pendingFor,
        keepFiringFor, metric, measure);
  }

  /** This SLO measuring {@code metric}. */
  public Slo withMetric(LatencyMetric metric) {
    return new Slo(id, endpoint, indicator, objective, window, minRequests, abortOnFail, burnRate, pendingFor,
        keepFiringFor, metric, measure);
  }

  /** This SLO judging the named measurement {@code measure}. */
  public Slo withMeasure(Measure measure) {
    return new Slo(id, endpoint, indicator, objective, window, minRequests, abortOnFail, burnRate, pendingFor,
        keepFiringFor, LatencyMetric.LATENCY, measure);
  }

  /** The wire name of what the SLO judges: the measurement's name, else the metric's ({@code latency}, ...). */
  public String metricId() {
    return measure != null ? measure.name() : metric.id();
  }

  /** Window length in seconds. */
  public int windowSeconds() {
    return Math.toIntExact(window.toSeconds());
  }
}
