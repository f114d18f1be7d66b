package io.perfplane.api.tenant;

import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Resolves the tenant before any {@code /api/**} handler runs, so no endpoint can forget authentication; the
 * result is stored as a request attribute for {@link TenantArgumentResolver}. The credential is the tenant's
 * {@code X-Api-Key}, or else a session token from {@code POST /api/login} ({@code Authorization: Bearer} or the
 * session cookie), which stands for the tenant that logged in.
 */
final class TenantInterceptor implements HandlerInterceptor {

  static final String API_KEY_HEADER = "X-Api-Key";
  static final String TENANT_ATTRIBUTE = Tenant.class.getName();

  private static final String BEARER = "Bearer ";

  private final TenantCache tenants;
  private final SessionStore sessions;

  TenantInterceptor(TenantCache tenants, SessionStore sessions) {
    this.tenants = tenants;
    this.sessions = sessions;
  }

  /** The session token a request presents: {@code Authorization: Bearer}, else the session cookie. */
  static Optional<String> sessionToken(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).strip();
      return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (cookie.getName().equals(SessionController.COOKIE) && !cookie.getValue().isBlank()) {
          return Optional.of(cookie.getValue());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getAttribute(TENANT_ATTRIBUTE) instanceof Tenant) {
      // Async re-dispatch of the same request (GraphQL answers asynchronously): already authenticated.
      return true;
    }
    String apiKey = request.getHeader(API_KEY_HEADER);
    if (apiKey == null || apiKey.isBlank()) {
      Optional<String> token = sessionToken(request);
      if (token.isEmpty()) {
        throw InvalidApiKeyException.missing();
      }
      request.setAttribute(TENANT_ATTRIBUTE, sessions.find(token.get())
          .orElseThrow(InvalidApiKeyException::unknownSession));
      return true;
    }
    Tenant tenant = tenants.findByApiKeyHash(ApiKeyHash.sha256Hex(apiKey.strip()))
        .orElseThrow(InvalidApiKeyException::unknown);
    request.setAttribute(TENANT_ATTRIBUTE, tenant);
    return true;
  }
}
