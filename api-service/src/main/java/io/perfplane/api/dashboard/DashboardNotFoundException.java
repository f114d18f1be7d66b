package io.perfplane.api.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404, also for another tenant's slug: answering 403 would confirm that the slug exists elsewhere. */
final class DashboardNotFoundException extends ErrorResponseException {

  DashboardNotFoundException(String slug) {
    super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        "No dashboard '" + slug + "'"), null);
  }
}
