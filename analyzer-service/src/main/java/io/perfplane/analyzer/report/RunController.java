package io.perfplane.analyzer.report;

import java.util.List;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Run results. Reads are unauthenticated in the walking skeleton. */
@RestController
class RunController {

  private final RunReports reports;

  RunController(RunReports reports) {
    this.reports = reports;
  }

  @GetMapping("/runs")
  List<RunSummary> runs() {
    return reports.list();
  }

  @GetMapping("/runs/{runId}")
  RunReport run(@PathVariable String runId) {
    return reports.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
  }

  @ExceptionHandler(RunNotFoundException.class)
  ProblemDetail runNotFound(RunNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        "no run with runId '" + e.runId() + "'");
    problem.setTitle("Run not found");
    problem.setProperty("field", "runId");
    problem.setProperty("runId", e.runId());
    return problem;
  }

  /** Stores are unavailable while Kafka Streams starts or rebalances: retryable. */
  @ExceptionHandler(InvalidStateStoreException.class)
  ProblemDetail storesUnavailable(InvalidStateStoreException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "run state is not queryable right now (starting or rebalancing); retry shortly");
    problem.setTitle("Analyzer state unavailable");
    return problem;
  }

  /** No run with the requested id. */
  static final class RunNotFoundException extends RuntimeException {

    private final String runId;

    RunNotFoundException(String runId) {
      super("no run with runId '" + runId + "'");
      this.runId = runId;
    }

    String runId() {
      return runId;
    }
  }
}
