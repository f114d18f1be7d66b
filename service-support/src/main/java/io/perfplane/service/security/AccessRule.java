package io.perfplane.service.security;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/**
 * Requests matching {@code method} (any method when null) and {@code pattern} need a token carrying {@code scope}.
 *
 * @param method the HTTP method, or null for every method
 * @param pattern a Spring path pattern against the request path, e.g. {@code /runs/**}
 * @param scope the scope required
 */
public record AccessRule(@Nullable HttpMethod method, String pattern, Scope scope) {

  public AccessRule {
    if (pattern.isBlank() || !pattern.startsWith("/")) {
      throw new IllegalArgumentException("an access rule's path pattern starts with '/': '" + pattern + "'");
    }
  }

  /** {@code pattern} with any method needs {@code scope}. */
  public static AccessRule anyMethod(String pattern, Scope scope) {
    return new AccessRule(null, pattern, scope);
  }

  /** {@code GET pattern} needs {@code scope}. */
  public static AccessRule get(String pattern, Scope scope) {
    return new AccessRule(HttpMethod.GET, pattern, scope);
  }

  /** {@code POST pattern} needs {@code scope}. */
  public static AccessRule post(String pattern, Scope scope) {
    return new AccessRule(HttpMethod.POST, pattern, scope);
  }

  /** {@code DELETE pattern} needs {@code scope}. */
  public static AccessRule delete(String pattern, Scope scope) {
    return new AccessRule(HttpMethod.DELETE, pattern, scope);
  }

  @Override
  public String toString() {
    return (method == null ? "*" : method.name()) + " " + pattern + " -> " + scope;
  }
}
