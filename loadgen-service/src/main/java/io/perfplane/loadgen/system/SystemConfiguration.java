package io.perfplane.loadgen.system;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Properties, the wall clock, and the control-token filter in front of every non-actuator endpoint. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LoadgenProperties.class, ControlProperties.class})
class SystemConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  FilterRegistrationBean<ControlTokenFilter> controlTokenFilter(ControlProperties properties, JsonMapper json) {
    FilterRegistrationBean<ControlTokenFilter> registration =
        new FilterRegistrationBean<>(new ControlTokenFilter(properties, json));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
