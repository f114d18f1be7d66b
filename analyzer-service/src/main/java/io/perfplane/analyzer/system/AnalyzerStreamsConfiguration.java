package io.perfplane.analyzer.system;

import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.analyzer.stream.AnalysisSettings;
import io.perfplane.analyzer.stream.AnalyzerMetrics;
import io.perfplane.analyzer.stream.AnalyzerTopology;
import io.perfplane.analyzer.stream.ReplaceFailedThread;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Runs {@link AnalyzerTopology} in Spring's Kafka Streams lifecycle. Streams settings (application id, exactly-once
 * v2, commit interval, state dir, replication factor) are in application.yml under {@code spring.kafka.streams}.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(AnalyzerProperties.class)
class AnalyzerStreamsConfiguration {

  @Bean
  AnalysisSettings analysisSettings(AnalyzerProperties properties) {
    return properties.toSettings();
  }

  @Bean
  AnalyzerMetrics analyzerMetrics(MeterRegistry registry, AnalyzerProperties properties) {
    return new MicrometerAnalyzerMetrics(registry, properties.endpointLabelCap());
  }

  /**
   * The topology is built with the Processor API, so it is added to the (empty) DSL topology Spring builds. A failed
   * stream thread is replaced rather than taking the client down ({@link ReplaceFailedThread}); an input record that
   * cannot be decoded is skipped, counted and kept on {@code analyzer-dead-letters} ({@link UndecodableRecords}), so it
   * cannot fail every replacement thread in turn.
   */
  @Bean
  StreamsBuilderFactoryBeanConfigurer analyzerTopology(AnalysisSettings settings, AnalyzerMetrics metrics,
      MeterRegistry registry) {
    return factoryBean -> {
      Properties config = new Properties();
      config.putAll(factoryBean.getStreamsConfiguration());
      config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
          UndecodableRecords.Handler.class.getName());
      config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.ANALYZER_DEAD_LETTERS.name());
      config.put(UndecodableRecords.CONFIG_KEY,
          new UndecodableRecords(registry, Topics.ANALYZER_DEAD_LETTERS.name()));
      factoryBean.setStreamsConfiguration(config);
      factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
        @Override
        public void configureTopology(Topology topology) {
          AnalyzerTopology.addTo(topology, settings, metrics);
        }
      });
      factoryBean.setStreamsUncaughtExceptionHandler(new ReplaceFailedThread());
    };
  }
}
