package io.perfplane.analyzer.runs;

import java.time.Clock;

import io.perfplane.service.security.AccessRule;
import io.perfplane.service.security.AccessRules;
import io.perfplane.service.security.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the HTML run report (its clock, the "generated at" stamp, is the system UTC clock; tests pass their own) and
 * what reading runs requires of a bearer token (service-support's shared security, docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

  @Bean
  ReportModels reportModels(RunStores stores, RunReports reports) {
    return new ReportModels(stores, reports, Clock.systemUTC());
  }

  /** Every run view and report page is a read; any other path needs a token of any scope. */
  @Bean
  AccessRules accessRules() {
    return AccessRules.of("perfplane-analyzer", AccessRule.get("/runs/**", Scope.RUNS_READ));
  }
}
