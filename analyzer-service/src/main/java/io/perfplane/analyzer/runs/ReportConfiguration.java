package io.perfplane.analyzer.runs;

import java.time.Clock;

import io.perfplane.service.security.AccessRule;
import io.perfplane.service.security.AccessRules;
import io.perfplane.service.security.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the HTML run report (its clock, the "generated at" stamp, is the system UTC clock; tests pass their own) and
 * what the analyzer's endpoints require of a bearer token (service-support's shared security, docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

  @Bean
  ReportModels reportModels(RunStores stores, RunReports reports) {
    return new ReportModels(stores, reports, Clock.systemUTC());
  }

  /**
   * The analyzer's one set of rules (service-support takes a single {@link AccessRules} bean): every run view and
   * report page is a read; reading baselines too, setting one ({@code PUT /baselines/{name}}, the baseline package)
   * is {@code admin}; any other path needs a token of any scope.
   */
  @Bean
  AccessRules accessRules() {
    return AccessRules.of("perfplane-analyzer", AccessRule.get("/runs/**", Scope.RUNS_READ),
        AccessRule.get("/baselines/**", Scope.RUNS_READ), AccessRule.anyMethod("/baselines/**", Scope.ADMIN));
  }
}
