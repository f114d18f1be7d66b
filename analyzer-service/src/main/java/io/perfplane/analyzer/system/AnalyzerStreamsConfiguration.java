package io.perfplane.analyzer.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.perfplane.analyzer.stream.AnalysisSettings;
import io.perfplane.analyzer.stream.AnalyzerMetrics;
import io.perfplane.analyzer.stream.AnalyzerTopology;
import io.perfplane.analyzer.stream.ReplaceFailedThread;
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
   * stream thread is replaced rather than taking the client down ({@link ReplaceFailedThread}).
   */
  @Bean
  StreamsBuilderFactoryBeanConfigurer analyzerTopology(AnalysisSettings settings, AnalyzerMetrics metrics) {
    return factoryBean -> {
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
