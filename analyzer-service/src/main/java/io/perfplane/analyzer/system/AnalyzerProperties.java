package io.perfplane.analyzer.system;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.perfplane.contracts.slo.Indicator;
import io.perfplane.contracts.slo.Slo;
import io.perfplane.contracts.slo.SloFile;
import io.perfplane.analyzer.stream.AnalysisSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * {@code perfplane.analyzer.*}. Setting any {@code slos} entry (e.g. {@code PERFPLANE_ANALYZER_SLOS_0_ID}) replaces
 * the whole default SLO list, as Spring Boot never merges lists across property sources.
 *
 * @param slos SLOs to evaluate; defaults to {@code overall-p95} (all endpoints, p95 ≤ 500 ms) and
 *     {@code overall-errors} (all endpoints, error rate ≤ 0.01)
 * @param window capacity rolling window (plain numbers are seconds), default 10 s
 * @param finalizeGrace wall-clock wait after FINISHED before finalizing without all samples, default 5 s
 * @param evaluationInterval live SLO evaluation period (wall clock), default 1 s
 * @param lateGrace how far live evaluation trails a run's newest sample (whole seconds >= 1, plain numbers are
 *     seconds), default 1 s; samples for already evaluated seconds are counted as late
 * @param endpointLabelCap distinct endpoint labels on live gauges before the {@code _overflow} bucket, default 50
 * @param breachCheckInterval period of the early breach check on the newest, still filling second (0 disables it),
 *     default 200 ms
 * @param sloFile path of a YAML SLO file ({@link SloFile}: perfplane's format, OpenSLO v1 or Sloth prometheus/v1);
 *     when set (non-blank) its SLOs replace {@code slos}; what it says that is not applied is logged at WARN
 * @param sloFileOverridesRuns whether the configured SLOs apply even to runs that bring their own in their
 *     definition; default false (a run's own SLOs win, the configured ones are the default)
 * @param abandonAfter wall-clock time without a new sample after which a run that never finished is finalized as
 *     aborted, default 30 min
 */
@ConfigurationProperties("perfplane.analyzer")
record AnalyzerProperties(@Nullable List<SloProperties> slos,
    @DurationUnit(ChronoUnit.SECONDS) @Nullable Duration window, @Nullable Duration finalizeGrace,
    @Nullable Duration evaluationInterval, @DurationUnit(ChronoUnit.SECONDS) @Nullable Duration lateGrace,
    @Nullable Integer endpointLabelCap, @Nullable Duration breachCheckInterval, @Nullable String sloFile,
    @Nullable Boolean sloFileOverridesRuns, @Nullable Duration abandonAfter) {

  static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  static final int DEFAULT_MIN_REQUESTS = 20;

  public AnalyzerProperties {
    slos = slos == null || slos.isEmpty() ? List.of(
        new SloProperties("overall-p95", Slo.ALL_ENDPOINTS, Indicator.LATENCY_P95, 500.0, null, null, null, null, null),
        new SloProperties("overall-errors", Slo.ALL_ENDPOINTS, Indicator.ERROR_RATE, 0.01, null, null, null, null, null))
        : List.copyOf(slos);
    window = window == null ? DEFAULT_WINDOW : window;
    finalizeGrace = finalizeGrace == null ? Duration.ofSeconds(5) : finalizeGrace;
    evaluationInterval = evaluationInterval == null ? Duration.ofSeconds(1) : evaluationInterval;
    lateGrace = lateGrace == null ? AnalysisSettings.DEFAULT_LATE_GRACE : lateGrace;
    endpointLabelCap = endpointLabelCap == null ? 50 : endpointLabelCap;
    breachCheckInterval = breachCheckInterval == null ? Duration.ofMillis(200) : breachCheckInterval;
    abandonAfter = abandonAfter == null ? AnalysisSettings.DEFAULT_ABANDON_AFTER : abandonAfter;
  }

  /**
   * The topology's settings; fails naming the property (or the SLO file's line and field) when an SLO is
   * incomplete or out of range.
   */
  public AnalysisSettings toSettings() {
    List<Slo> definitions = new ArrayList<>();
    if (sloFile != null && !sloFile.isBlank()) {
      SloFile.Loaded loaded = SloFile.read(Path.of(sloFile.trim()));
      for (String note : loaded.notes()) {
        LoggerFactory.getLogger(AnalyzerProperties.class).warn("SLO file ({}), not applied: {}", loaded.format(),
            note);
      }
      definitions.addAll(loaded.slos());
    } else {
      for (int i = 0; i < slos().size(); i++) {
        definitions.add(slos().get(i).toSlo("perfplane.analyzer.slos[" + i + "]"));
      }
    }
    if (lateGrace().toSeconds() < 1) {
      throw new IllegalArgumentException("perfplane.analyzer.late-grace must be >= 1s: " + lateGrace());
    }
    if (endpointLabelCap() < 1) {
      throw new IllegalArgumentException("perfplane.analyzer.endpoint-label-cap must be >= 1: " + endpointLabelCap());
    }
    return new AnalysisSettings(definitions, window(), finalizeGrace(), evaluationInterval(), lateGrace(),
        breachCheckInterval(), Boolean.TRUE.equals(sloFileOverridesRuns), abandonAfter());
  }

  /**
   * One SLO.
   *
   * @param id stable id, required
   * @param endpoint endpoint label, default {@code *} (all endpoints together)
   * @param indicator latency_p50, latency_p90, latency_p95, latency_p99 or error_rate, required
   * @param objective highest acceptable value: ms for latency, 0..1 ratio for error_rate, required
   * @param window rolling window (plain numbers are seconds), default 10 s
   * @param minRequests requests a window needs for a verdict, default 20
   * @param abortOnFail request that the run's generators abort when a breach opens, default false
   * @param pendingFor how long the objective must fail before a breach fires (whole seconds, 0 = at once), default
   *     one window
   * @param keepFiringFor how long it must hold before the breach resolves, default 60 s or one window if longer
   */
  public record SloProperties(@Nullable String id, @Nullable String endpoint, @Nullable Indicator indicator,
      @Nullable Double objective, @DurationUnit(ChronoUnit.SECONDS) @Nullable Duration window,
      @Nullable Integer minRequests, @Nullable Boolean abortOnFail,
      @DurationUnit(ChronoUnit.SECONDS) @Nullable Duration pendingFor,
      @DurationUnit(ChronoUnit.SECONDS) @Nullable Duration keepFiringFor) {

    Slo toSlo(String property) {
      String sloId = required(id, property + ".id");
      Indicator sloIndicator = required(indicator, property + ".indicator");
      double sloObjective = required(objective, property + ".objective");
      try {
        return new Slo(sloId, endpoint == null || endpoint.isBlank() ? Slo.ALL_ENDPOINTS : endpoint, sloIndicator,
            sloObjective, window == null ? DEFAULT_WINDOW : window,
            minRequests == null ? DEFAULT_MIN_REQUESTS : minRequests, Boolean.TRUE.equals(abortOnFail), null,
            pendingFor, keepFiringFor);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
      }
    }

    private static <T> T required(@Nullable T value, String property) {
      if (value == null) {
        throw new IllegalArgumentException(property + " is required");
      }
      return value;
    }
  }
}
