package io.perfplane.api.tenant;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login and logout for clients that work with sessions (browsers, user-journey load tests): {@code POST /api/login}
 * trades a tenant's API key for a session token, returned in the body and as the {@value #COOKIE} cookie; either
 * then authenticates {@code /api/**} like the key. {@code POST /api/logout} ends the session it was called with.
 */
@RestController
class SessionController {

  static final String COOKIE = "perfplane_session";

  private final TenantCache tenants;
  private final SessionStore sessions;

  SessionController(TenantCache tenants, SessionStore sessions) {
    this.tenants = tenants;
    this.sessions = sessions;
  }

  /**
   * The login's credentials.
   *
   * @param apiKey a tenant's API key
   */
  record Login(@Nullable String apiKey) {
  }

  /**
   * A new session.
   *
   * @param token the session token, for {@code Authorization: Bearer}
   * @param tokenType always {@code Bearer}
   * @param expiresIn seconds until the session ends
   */
  record SessionIssued(String token, String tokenType, long expiresIn) {
  }

  @PostMapping("/api/login")
  ResponseEntity<SessionIssued> login(@RequestBody(required = false) @Nullable Login login) {
    if (login == null || login.apiKey() == null || login.apiKey().isBlank()) {
      throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
          ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "apiKey is required"), null);
    }
    Tenant tenant = tenants.findByApiKeyHash(ApiKeyHash.sha256Hex(login.apiKey().strip()))
        .orElseThrow(InvalidApiKeyException::unknown);
    String token = sessions.open(tenant).orElseThrow(() -> new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Too many sessions; try again later"),
        null));
    long seconds = sessions.ttl().toSeconds();
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, cookie(token, seconds).toString())
        .body(new SessionIssued(token, "Bearer", seconds));
  }

  /** Ends the calling session (the interceptor has already checked it); a call with an API key ends nothing. */
  @PostMapping("/api/logout")
  ResponseEntity<Void> logout(HttpServletRequest request) {
    Optional<String> token = TenantInterceptor.sessionToken(request);
    token.ifPresent(sessions::close);
    return ResponseEntity.noContent()
        .header(HttpHeaders.SET_COOKIE, cookie("", 0).toString())
        .build();
  }

  private static ResponseCookie cookie(String token, long maxAgeSeconds) {
    return ResponseCookie.from(COOKIE, token).path("/api").httpOnly(true).sameSite("Strict")
        .maxAge(maxAgeSeconds).build();
  }
}
