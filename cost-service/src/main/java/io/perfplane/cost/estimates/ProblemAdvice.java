package io.perfplane.cost.estimates;

import io.perfplane.cost.catalog.UnsupportedMarketException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problems for cost-service's own request errors, each naming the field. */
@RestControllerAdvice
class ProblemAdvice {

  @ExceptionHandler(UnsupportedMarketException.class)
  ProblemDetail unsupportedMarket(UnsupportedMarketException e) {
    return problem("Unsupported " + e.field(), e.field(), e.getMessage());
  }

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalidField(InvalidFieldException e) {
    return problem("Invalid " + e.field(), e.field(), e.getMessage());
  }

  private static ProblemDetail problem(String title, String field, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle(title);
    problem.setProperty("field", field);
    return problem;
  }
}
