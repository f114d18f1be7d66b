package io.perfplane.api.activity;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404 for a login the tenant does not track; another tenant's user is indistinguishable from a missing one. */
final class GithubUserNotFoundException extends ErrorResponseException {

  GithubUserNotFoundException(String login) {
    super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        "No GitHub user '" + login + "'"), null);
  }
}
