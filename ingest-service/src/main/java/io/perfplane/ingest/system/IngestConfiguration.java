package io.perfplane.ingest.system;

import java.time.Clock;

import io.perfplane.ingest.auth.BearerTokenFilter;
import io.perfplane.ingest.auth.BearerTokens;
import io.perfplane.ingest.ndjson.NativeSampleParser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires token authentication on {@code /ingest/*}, the clock and the native-sample parser. Kafka producers are not
 * beans: each upload gets a transactional one of its own (upload package, {@code UploadTransactions}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class IngestConfiguration {

  @Bean
  FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(IngestProperties properties) {
    FilterRegistrationBean<BearerTokenFilter> registration =
        new FilterRegistrationBean<>(new BearerTokenFilter(new BearerTokens(properties.tokens())));
    registration.addUrlPatterns("/ingest/*");
    return registration;
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  NativeSampleParser nativeSampleParser() {
    return new NativeSampleParser();
  }
}
