package io.perfplane.analyzer.notify;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The breach webhooks, when {@code perfplane.analyzer.webhooks.targets} names any. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

  @Bean
  BreachWebhookListener breachWebhookListener(WebhookProperties properties, KafkaProperties kafka,
      @Value("${perfplane.analyzer.webhooks.group-id:perfplane-analyzer-webhooks}") String groupId,
      @Value("${perfplane.analyzer.webhooks.start-from:latest}") String startFrom) {
    return new BreachWebhookListener(properties.enabled(), BreachWebhooks.create(properties, Clock.systemUTC()),
        kafka.buildConsumerProperties(), kafka.buildProducerProperties(), groupId, startFrom);
  }
}
