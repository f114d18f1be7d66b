package io.perfplane.service;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** Active only when a launcher passes its pid in {@code PERFPLANE_PARENT_PID}. */
@AutoConfiguration
@ConditionalOnProperty("PERFPLANE_PARENT_PID")
public class ParentWatchdogAutoConfiguration {

  @Bean
  ParentWatchdog parentWatchdog(ConfigurableApplicationContext context,
      org.springframework.core.env.Environment environment) {
    return new ParentWatchdog(context, Long.parseLong(environment.getRequiredProperty("PERFPLANE_PARENT_PID")));
  }
}
