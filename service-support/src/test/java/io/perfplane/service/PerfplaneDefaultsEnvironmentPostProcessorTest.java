package io.perfplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PerfplaneDefaultsEnvironmentPostProcessorTest {

  private final PerfplaneDefaultsEnvironmentPostProcessor processor = new PerfplaneDefaultsEnvironmentPostProcessor();

  @Test
  void defaultsApplyWhenNothingElseSaysOtherwise() {
    StandardEnvironment environment = new StandardEnvironment();

    processor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
    assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
    assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("all");
  }

  @Test
  void aServiceOwnSettingWinsOverTheDefaults() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("application.yml",
        Map.of("perfplane.kafka.create-topics", "false")));

    processor.postProcessEnvironment(environment, new SpringApplication());
    processor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("perfplane.kafka.create-topics", Boolean.class)).isFalse();
    assertThat(environment.getPropertySources().stream()
        .filter(s -> s.getName().startsWith(PerfplaneDefaultsEnvironmentPostProcessor.RESOURCE)).count()).isOne();
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("env",
        Map.of("PERFPLANE_KAFKA_BOOTSTRAP", "broker-1:9092")));

    processor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("broker-1:9092");
  }
}
