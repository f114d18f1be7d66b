package io.perfplane.cost.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.kafka.Topics;
import io.perfplane.cost.catalog.CatalogReader;
import io.perfplane.cost.catalog.PricingCatalog;
import io.perfplane.cost.scenario.Scenario;
import io.perfplane.cost.scenario.ScenarioReader;
import io.perfplane.cost.scenario.Scenarios;
import io.perfplane.cost.sizing.CostEstimator;
import io.perfplane.cost.sizing.SizingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wires the pricing catalog, the scenarios, the estimator and the typed Kafka factories of the two topics cost-service uses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CostProperties.class)
class CostConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CostConfiguration.class);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  PricingCatalog pricingCatalog(CostProperties properties, ResourceLoader resources) {
    Resource resource = resources.getResource(properties.catalog());
    try {
      PricingCatalog catalog = CatalogReader.read(resource.getInputStream(), properties.catalog());
      // Refuse to start rather than label one region's prices as another's.
      catalog.requireMarket(properties.region(), properties.currency());
      log.info("Pricing catalog {} ({} {}, effective {}): {} prices", catalog.version(), catalog.region(),
          catalog.currency(), catalog.effectiveDate(), catalog.entries().size());
      return catalog;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open pricing catalog " + properties.catalog(), e);
    }
  }

  @Bean
  SizingPolicy sizingPolicy(CostProperties properties) {
    SizingPolicy defaults = SizingPolicy.defaults();
    return defaults.withNodeInstanceTypes(properties.nodeInstanceTypes())
        .withStrategies(new SizingPolicy.StrategyPolicy(properties.spotShare(), properties.spotDiscount(),
            defaults.strategies().onDemandBaseNodes()));
  }

  @Bean
  CostEstimator costEstimator(PricingCatalog catalog, SizingPolicy policy) {
    return new CostEstimator(catalog, policy);
  }

  @Bean
  Scenarios scenarios(CostProperties properties, ResourceLoader resources) {
    Resource resource = resources.getResource(properties.scenarios());
    try {
      List<Scenario> scenarios = ScenarioReader.read(resource.getInputStream(), properties.scenarios());
      log.info("Scenarios from {}: {}", properties.scenarios(), scenarios.stream().map(Scenario::name).toList());
      return new Scenarios(scenarios);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open scenario file " + properties.scenarios(), e);
    }
  }

  @Bean
  ProducerFactory<String, CostEstimate> costEstimateProducerFactory(KafkaProperties kafka) {
    return new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
        Topics.COST_ESTIMATES.keySerde().serializer(), Topics.COST_ESTIMATES.valueSerde().serializer());
  }

  @Bean
  KafkaTemplate<String, CostEstimate> costEstimateTemplate(ProducerFactory<String, CostEstimate> factory) {
    KafkaTemplate<String, CostEstimate> template = new KafkaTemplate<>(factory);
    template.setDefaultTopic(Topics.COST_ESTIMATES.name());
    return template;
  }

  @Bean
  KafkaTemplate<String, String> costEstimateJsonTemplate(KafkaProperties kafka) {
    return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
        Topics.COST_ESTIMATES_JSON.keySerde().serializer(), Topics.COST_ESTIMATES_JSON.valueSerde().serializer()));
  }

  /**
   * Commits each capacity event's offset only after the listener returned, i.e. after Kafka acknowledged every
   * estimate (at-least-once; the estimate key makes a redelivery overwrite, not duplicate, on the compacted topic).
   * An undecodable event is logged and skipped; a failed publish is retried with backoff for about a minute, then
   * logged and skipped so one poison event cannot stall the partition.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, CapacityEvent> capacityEventContainerFactory(
      KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    DefaultKafkaConsumerFactory<String, CapacityEvent> consumers = new DefaultKafkaConsumerFactory<>(config,
        Topics.CAPACITY_EVENTS.keySerde().deserializer(),
        new ErrorHandlingDeserializer<>(Topics.CAPACITY_EVENTS.valueSerde().deserializer()));
    ConcurrentKafkaListenerContainerFactory<String, CapacityEvent> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(consumers);
    factory.getContainerProperties().setAckMode(AckMode.RECORD);
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(10_000);
    backOff.setMaxElapsedTime(60_000);
    factory.setCommonErrorHandler(new DefaultErrorHandler((record, failure) ->
        log.error("Giving up on capacity event key={} partition={} offset={}", record.key(), record.partition(),
            record.offset(), failure), backOff));
    return factory;
  }
}
