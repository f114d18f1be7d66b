package io.perfplane.loadgen.system;

import java.time.Clock;

import io.perfplane.service.security.AccessRule;
import io.perfplane.service.security.AccessRules;
import io.perfplane.service.security.Scope;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Properties, the wall clock, and what the control API requires of a bearer token (service-support's shared
 * security; {@code PERFPLANE_CONTROL_TOKEN} still works, see application.yml and docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoadgenProperties.class)
class SystemConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Submitting and stopping runs is a write; everything else under /runs a read; any other path needs a token. */
  @Bean
  AccessRules accessRules() {
    return AccessRules.of("perfplane-loadgen",
        AccessRule.post("/runs/**", Scope.RUNS_WRITE),
        AccessRule.delete("/runs/**", Scope.RUNS_WRITE),
        AccessRule.get("/runs/**", Scope.RUNS_READ));
  }
}
