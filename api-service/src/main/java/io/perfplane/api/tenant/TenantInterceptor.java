package io.perfplane.api.tenant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Resolves the tenant before any {@code /api/**} handler runs, so no endpoint can forget authentication; the
 * result is stored as a request attribute for {@link TenantArgumentResolver}.
 */
final class TenantInterceptor implements HandlerInterceptor {

  static final String API_KEY_HEADER = "X-Api-Key";
  static final String TENANT_ATTRIBUTE = Tenant.class.getName();

  private final TenantCache tenants;

  TenantInterceptor(TenantCache tenants) {
    this.tenants = tenants;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getAttribute(TENANT_ATTRIBUTE) instanceof Tenant) {
      // Async re-dispatch of the same request (GraphQL answers asynchronously): already authenticated.
      return true;
    }
    String apiKey = request.getHeader(API_KEY_HEADER);
    if (apiKey == null || apiKey.isBlank()) {
      throw InvalidApiKeyException.missing();
    }
    Tenant tenant = tenants.findByApiKeyHash(ApiKeyHash.sha256Hex(apiKey.strip()))
        .orElseThrow(InvalidApiKeyException::unknown);
    request.setAttribute(TENANT_ATTRIBUTE, tenant);
    return true;
  }
}
