package io.perfplane.analyzer.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.perfplane.analyzer.window.WindowStats;
import org.jspecify.annotations.Nullable;

/**
 * Everything the HTML run report shows, read from the stores at one moment: plain values, so the renderer is a pure
 * function tested with hand-made data.
 *
 * @param targetService system under test, from the run's STARTED event
 * @param status {@code running}, {@code finishing} (every generator finished, samples still arriving),
 *     {@code finished} or {@code aborted}
 * @param startUs first request start (µs epoch), null without samples
 * @param endUs last request end (µs epoch), null without samples
 * @param total whole run, all endpoints (latencies in ms, throughput over the run's sample time span)
 * @param overall all endpoints together over time
 * @param endpoints one section per endpoint, sorted by name
 * @param slos each configured SLO's status
 * @param breaches breach episodes in opening order
 * @param capacity the run's capacity estimate, once finalized
 * @param generatedAt when the report was rendered
 * @param raw raw service time and time to first byte beside the corrected latency
 * @param measurements named measurements, check pass rates and where the time goes ({@link Measurements#NONE})
 */
public record ReportModel(String runId, String targetService, String status, @Nullable Long startUs, @Nullable Long endUs,
    WindowStats total, Timeline overall, List<EndpointSection> endpoints, List<SloStatus> slos,
    List<BreachRow> breaches, RunReport.@Nullable CapacityView capacity, Instant generatedAt, RawLatency raw,
    Measurements measurements) {

  /** A model without named measurements. */
  public ReportModel(String runId, String targetService, String status, @Nullable Long startUs, @Nullable Long endUs,
      WindowStats total, Timeline overall, List<EndpointSection> endpoints, List<SloStatus> slos,
      List<BreachRow> breaches, RunReport.@Nullable CapacityView capacity, Instant generatedAt, RawLatency raw) {
    this(runId, targetService, status, startUs, endUs, total, overall, endpoints, slos, breaches, capacity,
        generatedAt, raw, Measurements.NONE);
  }

  /** A model without raw latencies (the report then says so). */
  public ReportModel(String runId, String targetService, String status, @Nullable Long startUs, @Nullable Long endUs,
      WindowStats total, Timeline overall, List<EndpointSection> endpoints, List<SloStatus> slos,
      List<BreachRow> breaches, RunReport.@Nullable CapacityView capacity, Instant generatedAt) {
    this(runId, targetService, status, startUs, endUs, total, overall, endpoints, slos, breaches, capacity,
        generatedAt, new RawLatency(null, Map.of(), Map.of()));
  }

  /**
   * The raw service time (from the actual start) and the time to first byte, beside the corrected latency.
   *
   * @param serviceOverall all endpoints' service time over time, bucketed like {@code overall}; null without samples
   * @param serviceTime whole-run service-time percentiles by endpoint ({@code *} = all)
   * @param ttfb whole-run time-to-first-byte percentiles by endpoint, only endpoints that reported one
   */
  public record RawLatency(@Nullable Timeline serviceOverall, Map<String, RunReport.Percentiles> serviceTime,
      Map<String, RunReport.Percentiles> ttfb) {

    public RawLatency {
      serviceTime = Map.copyOf(serviceTime);
      ttfb = Map.copyOf(ttfb);
    }
  }

  /** Per-endpoint latency charts beyond this many would make the page unreadable; the table lists every endpoint. */
  public static final int MAX_ENDPOINT_CHARTS = 12;

  public ReportModel {
    endpoints = List.copyOf(endpoints);
    slos = List.copyOf(slos);
    breaches = List.copyOf(breaches);
  }

  /**
   * One endpoint over the whole run.
   *
   * @param timeline its history, null beyond the first {@link #MAX_ENDPOINT_CHARTS} endpoints
   */
  public record EndpointSection(String endpoint, WindowStats stats, @Nullable Timeline timeline) {
  }

  /**
   * One SLO over the whole run.
   *
   * @param observed the indicator over the whole run in {@code unit} (ms or ratio), null without samples in scope
   * @param breaches breach episodes the SLO had in this run (window evaluation and the final whole-run check)
   */
  public record SloStatus(String id, String endpoint, String indicator, double objective, String unit, int windowSeconds,
      @Nullable Double observed, int breaches) {

    /** Held when it never breached and the whole run meets the objective; unknown without samples in scope. */
    @Nullable Boolean held() {
      if (observed == null) {
        return breaches > 0 ? Boolean.FALSE : null;
      }
      return breaches == 0 && observed <= objective;
    }
  }

  /**
   * One breach episode.
   *
   * @param openedAtUs end of the first violating window (µs epoch, sample time)
   * @param resolvedAtUs when the analyzer resolved it (µs epoch, wall clock), null while open
   */
  public record BreachRow(String sloId, String endpoint, String indicator, double observed, double objective, String unit,
      int windowSeconds, long openedAtUs, @Nullable Long resolvedAtUs, @Nullable Double burnRate) {
  }
}
