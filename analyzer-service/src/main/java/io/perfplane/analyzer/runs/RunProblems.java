package io.perfplane.analyzer.runs;

import java.io.IOException;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * The problem+json answers every analyzer API shares: a run that does not exist, stores that are not queryable yet,
 * an owning instance that did not answer, and a request body that is not the JSON the endpoint reads (naming the field where Jackson knows it).
 */
@RestControllerAdvice
class RunProblems {

  @ExceptionHandler(RunNotFoundException.class)
  ProblemDetail runNotFound(RunNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
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

  /** Another analyzer instance owns the run and did not answer: nothing was read or set. */
  @ExceptionHandler(IOException.class)
  ProblemDetail ownerUnreachable(IOException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
    problem.setTitle("Run not readable");
    return problem;
  }

  /** A body that is not JSON, or a field of the wrong type: the default answer would not say which. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
    String field = e.getCause() instanceof DatabindException databind ? path(databind) : "";
    String reason = e.getCause() instanceof JacksonException jackson ? jackson.getOriginalMessage() : "no body";
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field.isEmpty()
        ? "request body is not readable JSON: " + reason
        : "request body field '" + field + "' is not readable: " + reason);
    problem.setTitle("Unreadable request body");
    problem.setProperty("field", field.isEmpty() ? "body" : field);
    return problem;
  }

  /** The dotted path of the field Jackson stopped at ({@code items[2].name}), or empty when it has none. */
  private static String path(DatabindException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
