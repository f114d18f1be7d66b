package io.perfplane.api.tenant;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.jspecify.annotations.Nullable;

/** Supplies the {@link Tenant} that {@link TenantInterceptor} resolved to controller method parameters. */
final class TenantArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Tenant.class;
  }

  @Override
  public Tenant resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
    Object tenant = webRequest.getAttribute(TenantInterceptor.TENANT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (tenant instanceof Tenant resolved) {
      return resolved;
    }
    // A handler outside /api/** asked for a tenant: a wiring bug, not a client error.
    throw new IllegalStateException("No tenant resolved for " + parameter.getExecutable());
  }
}
