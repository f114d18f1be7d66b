package io.perfplane.api.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error is RFC 9457 problem+json. Spring's defaults already cover {@code ErrorResponseException}s (401, 404,
 * our 400s); this adds the offending parameter's name to the two framework 400s, whose default detail is generic,
 * as {@code errors: [{parameter, message}]}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<String> parameters = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
      parameters.add(parameterName(result.getMethodParameter()));
      messages.add(Objects.requireNonNullElse(error.getDefaultMessage(), "is invalid"));
    }));
    return handleExceptionInternal(ex, withErrors(ex.getBody(), parameters, messages), headers, status, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail body = createProblemDetail(ex, status, "invalid value", null, null, request);
    if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
      String expected = mismatch.getRequiredType() == null ? "value" : mismatch.getRequiredType().getSimpleName();
      body = withErrors(body, List.of(mismatch.getName()), List.of("must be a valid " + expected));
    }
    return handleExceptionInternal(ex, body, headers, status, request);
  }

  /**
   * 503 when PostgreSQL is unreachable or the connection pool is exhausted: under load this is back-pressure the
   * load generator should count as such, not an opaque 500.
   */
  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
      CannotCreateTransactionException.class})
  ProblemDetail databaseUnavailable(Exception ex) {
    log.warn("Database unavailable: {}", ex.getMessage());
    return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable");
  }

  static String describe(List<String> parameters, List<String> messages) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      parts.add("'" + parameters.get(i) + "': " + messages.get(i));
    }
    return "Invalid request parameter " + String.join("; ", parts);
  }

  private static ProblemDetail withErrors(ProblemDetail body, List<String> parameters, List<String> messages) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Map<String, String> error = new LinkedHashMap<>();
      error.put("parameter", parameters.get(i));
      error.put("message", messages.get(i));
      errors.add(error);
    }
    body.setDetail(describe(parameters, messages));
    body.setProperty("errors", errors);
    return body;
  }

  /** The name the client used: the annotation's explicit name if any, else the Java parameter name. */
  private static String parameterName(MethodParameter parameter) {
    RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
    if (requestParam != null && !requestParam.name().isEmpty()) {
      return requestParam.name();
    }
    PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
    if (pathVariable != null && !pathVariable.name().isEmpty()) {
      return pathVariable.name();
    }
    return Objects.requireNonNullElse(parameter.getParameterName(), "arg" + parameter.getParameterIndex());
  }
}
