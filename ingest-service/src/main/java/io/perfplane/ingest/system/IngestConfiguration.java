package io.perfplane.ingest.system;

import java.time.Clock;

import io.perfplane.ingest.ndjson.NativeSampleParser;
import io.perfplane.service.security.AccessRule;
import io.perfplane.service.security.AccessRules;
import io.perfplane.service.security.Scope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares what the ingest endpoints require of a bearer token (service-support's shared security; the legacy
 * {@code PERFPLANE_INGEST_TOKENS} still works, see application.yml and docs/security.md), the clock and the
 * native-sample parser. Kafka producers are not beans: each upload gets a transactional one of its own (upload
 * package, {@code UploadTransactions}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class IngestConfiguration {

  /** Uploads need results:write; reads (none yet) runs:read; any other path a token of any scope. */
  @Bean
  AccessRules accessRules() {
    return AccessRules.of("perfplane-ingest",
        AccessRule.post("/ingest/**", Scope.RESULTS_WRITE),
        AccessRule.get("/ingest/**", Scope.RUNS_READ));
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
