package io.perfplane.analyzer.runs;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the HTML run report; its clock (the "generated at" stamp) is the system UTC clock, tests pass their own. */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

  @Bean
  ReportModels reportModels(RunStores stores, RunReports reports) {
    return new ReportModels(stores, reports, Clock.systemUTC());
  }
}
