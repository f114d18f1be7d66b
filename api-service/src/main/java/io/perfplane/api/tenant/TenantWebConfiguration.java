package io.perfplane.api.tenant;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class TenantWebConfiguration implements WebMvcConfigurer {

  private final TenantCache tenants;
  private final SessionStore sessions;

  TenantWebConfiguration(TenantCache tenants, SessionStore sessions) {
    this.tenants = tenants;
    this.sessions = sessions;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // The login is how a session starts: it checks the API key in its body itself.
    registry.addInterceptor(new TenantInterceptor(tenants, sessions)).addPathPatterns("/api/**")
        .excludePathPatterns("/api/login");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new TenantArgumentResolver());
  }
}
