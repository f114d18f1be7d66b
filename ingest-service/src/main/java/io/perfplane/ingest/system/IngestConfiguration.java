package io.perfplane.ingest.system;

import java.time.Clock;

import io.perfplane.contracts.DeadLetter;
import io.perfplane.contracts.IngestReceipt;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.ingest.auth.BearerTokenFilter;
import io.perfplane.ingest.auth.BearerTokens;
import io.perfplane.ingest.ndjson.NativeSampleParser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires token authentication on {@code /ingest/*}, the clock, and one typed producer per written topic
 * ({@code request-samples}, {@code run-events}, {@code ingest-dead-letters}, {@code ingest-receipts}); all take
 * the producer settings of {@code spring.kafka.producer} (acks=all, idempotence).
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

  @Bean
  KafkaTemplate<String, RequestSample> requestSampleTemplate(KafkaProperties kafka) {
    return template(kafka, Topics.REQUEST_SAMPLES);
  }

  @Bean
  KafkaTemplate<String, DeadLetter> deadLetterTemplate(KafkaProperties kafka) {
    return template(kafka, Topics.INGEST_DEAD_LETTERS);
  }

  @Bean
  KafkaTemplate<String, RunEvent> runEventTemplate(KafkaProperties kafka) {
    return template(kafka, Topics.RUN_EVENTS);
  }

  @Bean
  KafkaTemplate<String, IngestReceipt> receiptTemplate(KafkaProperties kafka) {
    return template(kafka, Topics.INGEST_RECEIPTS);
  }

  private static <V> KafkaTemplate<String, V> template(KafkaProperties kafka, Topic<String, V> topic) {
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
        topic.keySerde().serializer(), topic.valueSerde().serializer()));
  }
}
