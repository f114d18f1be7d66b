package io.perfplane.analyzer.baseline;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the baseline store: the system UTC clock stamps entries unless the context provides a single other clock. */
@Configuration(proxyBeanMethods = false)
class BaselineConfiguration {

  @Bean
  BaselineRepository baselineRepository(JdbcClient jdbc, TransactionTemplate transactions,
      ObjectProvider<Clock> clock) {
    return new BaselineRepository(jdbc, transactions, clock.getIfUnique(Clock::systemUTC));
  }
}
