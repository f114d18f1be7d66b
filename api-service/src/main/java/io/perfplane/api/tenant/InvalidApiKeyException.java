package io.perfplane.api.tenant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 401: the request has no API key (nor session token) or one that matches no tenant (nor live session). The key
 * itself is never echoed or logged.
 */
final class InvalidApiKeyException extends ErrorResponseException {

  private InvalidApiKeyException(String detail) {
    super(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail), null);
    getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + TenantInterceptor.API_KEY_HEADER + "\"");
  }

  static InvalidApiKeyException missing() {
    return new InvalidApiKeyException("Missing " + TenantInterceptor.API_KEY_HEADER + " header");
  }

  static InvalidApiKeyException unknownSession() {
    return new InvalidApiKeyException("Unknown or expired session token");
  }

  static InvalidApiKeyException unknown() {
    return new InvalidApiKeyException("Unknown API key");
  }
}
