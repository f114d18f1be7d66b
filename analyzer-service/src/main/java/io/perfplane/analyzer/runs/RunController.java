package io.perfplane.analyzer.runs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.perfplane.analyzer.report.RunReport;
import io.perfplane.analyzer.window.RollingWindow;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Run results. Reads are unauthenticated in the walking skeleton. */
@RestController
class RunController {

  private final RunReports reports;
  private final RunRouter router;

  RunController(RunReports reports, RunRouter router) {
    this.reports = reports;
    this.router = router;
  }

  /** Runs of every instance: this one's, plus the other instances' unless this request was forwarded itself. */
  @GetMapping("/runs")
  List<RunSummary> runs(@RequestHeader(name = RunRouter.FORWARDED_HEADER, required = false) @Nullable String forwarded,
      @RequestHeader(name = "Authorization", required = false) @Nullable String authorization) throws IOException {
    List<RunSummary> runs = new ArrayList<>(reports.list());
    if (forwarded == null) {
      runs.addAll(router.remoteSummaries(authorization));
      runs.sort(Comparator.comparing(RunSummary::runId));
    }
    return runs;
  }

  @GetMapping("/runs/{runId}")
  RunReport run(@PathVariable String runId) {
    return reports.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
  }

  /**
   * The run's whole-run latency histograms (schema 1): overall and per endpoint, µs, HdrHistogram's compressed
   * encoding in base64, with per-second request counts where the analyzer has every request's second.
   */
  @GetMapping("/runs/{runId}/histograms")
  RunHistograms histograms(@PathVariable String runId) {
    return reports.histograms(runId).orElseThrow(() -> new RunNotFoundException(runId));
  }

  /**
   * One endpoint over rolling windows. The endpoint is the rest of the path, as samples label it (e.g.
   * {@code /runs/r1/endpoints/GET%20/api/items}); {@code *} means all endpoints together.
   *
   * @param window comma-separated window ids ({@code 10s,1m,5m,run}); all of them when absent
   */
  @GetMapping("/runs/{runId}/endpoints/{*endpoint}")
  EndpointWindows endpoint(@PathVariable String runId, @PathVariable String endpoint,
      @RequestParam(name = "window", required = false) @Nullable List<String> window) {
    String name = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
    List<RollingWindow> windows = new ArrayList<>();
    if (window == null || window.isEmpty()) {
      windows.addAll(List.of(RollingWindow.values()));
    } else {
      for (String id : window) {
        windows.add(RollingWindow.parse(id).orElseThrow(() -> new BadWindowException(id)));
      }
    }
    if (reports.find(runId).isEmpty()) {
      throw new RunNotFoundException(runId);
    }
    return reports.endpoint(runId, name, windows).orElseThrow(() -> new EndpointNotFoundException(runId, name));
  }

  @ExceptionHandler(BadWindowException.class)
  ProblemDetail badWindow(BadWindowException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Unknown window");
    problem.setProperty("field", "window");
    return problem;
  }

  @ExceptionHandler(EndpointNotFoundException.class)
  ProblemDetail endpointNotFound(EndpointNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Endpoint not found");
    problem.setProperty("field", "endpoint");
    return problem;
  }

  /** A window id that is not one of 10s, 1m, 5m, run. */
  static final class BadWindowException extends RuntimeException {

    BadWindowException(String id) {
      super("window '" + id + "' is not one of 10s, 1m, 5m, run");
    }
  }

  /** The run has no samples for the endpoint. */
  static final class EndpointNotFoundException extends RuntimeException {

    EndpointNotFoundException(String runId, String endpoint) {
      super("run '" + runId + "' has no samples for endpoint '" + endpoint + "'");
    }
  }
}
