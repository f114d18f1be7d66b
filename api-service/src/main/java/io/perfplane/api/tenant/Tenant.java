package io.perfplane.api.tenant;

/**
 * The tenant a request acts for, resolved from its {@code X-Api-Key}. Declare a parameter of this type in a
 * controller method under {@code /api} to receive it.
 *
 * @param id database id ({@code tenants.id})
 * @param name display name
 * @param plan subscription plan
 */
public record Tenant(long id, String name, Plan plan) {

  /** GraphQL context key under which a request's tenant reaches data fetchers ({@code @ContextValue}). */
  public static final String GRAPHQL_CONTEXT_KEY = "tenant";
}
