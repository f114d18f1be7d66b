package io.perfplane.service.security;

import java.util.List;

/**
 * What a service's endpoints require, declared by the service as a bean; its presence switches the shared bearer
 * security on ({@link ServiceSecurityAutoConfiguration}). Rules are matched in order, the first match wins; a path
 * no rule names needs an authenticated token of any scope (deny by default), except the open endpoints
 * ({@code /actuator/health/**}, {@code /actuator/info}, {@code /actuator/prometheus}, OpenAPI docs).
 *
 * @param realm the {@code realm} of the {@code WWW-Authenticate: Bearer} challenge, e.g. {@code perfplane-loadgen}
 * @param rules the rules, first match wins
 */
public record AccessRules(String realm, List<AccessRule> rules) {

  public AccessRules {
    if (realm.isBlank() || realm.contains("\"")) {
      throw new IllegalArgumentException("a realm is a non-blank name without quotes: '" + realm + "'");
    }
    rules = List.copyOf(rules);
  }

  /** Rules for {@code realm}, first match wins. */
  public static AccessRules of(String realm, AccessRule... rules) {
    return new AccessRules(realm, List.of(rules));
  }
}
