package io.perfplane.api.tenant;

import java.util.Map;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Hands the {@link Tenant} that {@link TenantInterceptor} resolved for {@code /api/graphql} to GraphQL data
 * fetchers, which declare {@code @ContextValue(Tenant.GRAPHQL_CONTEXT_KEY) Tenant tenant}.
 */
@Component
final class TenantGraphqlInterceptor implements WebGraphQlInterceptor {

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    if (request.getAttributes().get(TenantInterceptor.TENANT_ATTRIBUTE) instanceof Tenant tenant) {
      request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(Tenant.GRAPHQL_CONTEXT_KEY, tenant)).build());
    }
    return chain.next(request);
  }
}
