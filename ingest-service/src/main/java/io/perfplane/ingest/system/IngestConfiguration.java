package io.perfplane.ingest.system;

import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.auth.BearerTokenFilter;
import io.perfplane.ingest.auth.BearerTokens;
import io.perfplane.ingest.ndjson.NativeSampleParser;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** Wires token authentication on {@code /ingest/*} and the typed producer of {@code request-samples}. */
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
  NativeSampleParser nativeSampleParser() {
    return new NativeSampleParser();
  }

  @Bean
  ProducerFactory<String, RequestSample> requestSampleProducerFactory(KafkaProperties kafka) {
    return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
        Topics.REQUEST_SAMPLES.keySerde().serializer(), Topics.REQUEST_SAMPLES.valueSerde().serializer());
  }

  @Bean
  KafkaTemplate<String, RequestSample> requestSampleTemplate(ProducerFactory<String, RequestSample> factory) {
    return new KafkaTemplate<>(factory);
  }
}
