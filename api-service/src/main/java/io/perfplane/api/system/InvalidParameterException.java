package io.perfplane.api.system;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request parameter that passed type conversion but is invalid in combination (e.g. {@code from} after
 * {@code to}). Rendered as 400 problem+json with the same {@code errors: [{parameter, message}]} shape as bean
 * validation failures.
 */
public final class InvalidParameterException extends ErrorResponseException {

  private final String parameter;

  public InvalidParameterException(String parameter, String message) {
    super(HttpStatus.BAD_REQUEST, problem(parameter, message), null);
    this.parameter = parameter;
  }

  /** Name of the offending parameter, as the client sent it. */
  public String parameter() {
    return parameter;
  }

  private static ProblemDetail problem(String parameter, String message) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        ProblemDetailsAdvice.describe(List.of(parameter), List.of(message)));
    problem.setProperty("errors", List.of(Map.of("parameter", parameter, "message", message)));
    return problem;
  }
}
