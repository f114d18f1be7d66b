package io.perfplane.loadgen.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.perfplane.loadgen.definition.DefinitionReader;
import io.perfplane.loadgen.engine.DistributionUnavailableException;
import io.perfplane.loadgen.engine.RunConflictException;
import io.perfplane.loadgen.engine.ShuttingDownException;
import io.perfplane.loadgen.plan.FieldViolation;
import io.perfplane.loadgen.plan.PlanRejectedException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * RFC 9457 problem details for the control API. Plan problems list every offending field under {@code errors}
 * ({@code [{"field": "stages[1].durationMs", "message": "must be > 0"}]}): 400 for a malformed plan, 422 for a plan
 * this generator refuses (target not allowed, too many VUs, too long).
 */
@RestControllerAdvice(assignableTypes = RunController.class)
class RunProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler
  ResponseEntity<ProblemDetail> planRejected(PlanRejectedException e) {
    boolean invalid = e.kind() == PlanRejectedException.Kind.INVALID;
    HttpStatus status = invalid ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT;
    return problem(status, invalid ? "Invalid run plan" : "Run plan not allowed", e.violations());
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notFound(RunNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> conflict(RunConflictException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unavailable(ShuttingDownException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> distributionUnavailable(DistributionUnavailableException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
  }

  /** Unparsable JSON, wrong types or unknown fields: name the field from Jackson's path. */
  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    JacksonException jackson = findJackson(ex);
    String field = jackson == null ? "" : DefinitionReader.fieldPath(jackson);
    String message = jackson == null ? "request body is missing or not JSON" : jackson.getOriginalMessage();
    ResponseEntity<ProblemDetail> problem = problem(HttpStatus.BAD_REQUEST, "Invalid run plan",
        List.of(new FieldViolation(field.isEmpty() ? "(body)" : field, DefinitionReader.firstLine(message))));
    return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).body(problem.getBody());
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, List<FieldViolation> violations) {
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setTitle(title);
    problem.setDetail(String.join("; ", violations.stream()
        .map(v -> (v.line() == null ? "" : "line " + v.line() + ": ") + v.field() + " " + v.message()).toList()));
    problem.setProperty("errors", violations.stream().map(RunProblems::error).toList());
    return ResponseEntity.status(status).body(problem);
  }

  private static Map<String, Object> error(FieldViolation v) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("field", v.field());
    error.put("message", v.message());
    if (v.line() != null) {
      error.put("line", v.line());
    }
    return error;
  }

  private static @Nullable JacksonException findJackson(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException jackson) {
        return jackson;
      }
    }
    return null;
  }
}
