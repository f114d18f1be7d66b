package io.perfplane.cost.estimates;

import io.perfplane.service.security.AccessRule;
import io.perfplane.service.security.AccessRules;
import io.perfplane.service.security.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What reading estimates requires of a bearer token (service-support's shared security, docs/security.md). */
@Configuration(proxyBeanMethods = false)
class EstimatesAccess {

  /**
   * Estimates, their history and tfvars, the scenarios and the catalog are reads; any other path needs a token of any
   * scope.
   */
  @Bean
  AccessRules accessRules() {
    return AccessRules.of("perfplane-cost",
        AccessRule.get("/estimates/**", Scope.RUNS_READ),
        AccessRule.get("/scenarios/**", Scope.RUNS_READ),
        AccessRule.get("/catalog/**", Scope.RUNS_READ));
  }
}
