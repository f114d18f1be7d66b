package io.perfplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;

class ApiApplicationTest extends ApiIntegrationTest {

  @Autowired
  ApplicationContext context;

  @Test
  void doesNotProvisionKafkaTopics() {
    // api-service never uses Kafka; declared topics would make KafkaAdmin connect to a broker at startup.
    assertThat(context.getBeansOfType(KafkaAdmin.NewTopics.class)).isEmpty();
  }

  @Test
  void publishesOpenApiDocsForTheApi() {
    client.get().uri("/v3/api-docs").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.paths['/api/dashboards/{slug}/overview'].get").exists()
        .jsonPath("$.paths['/api/users/{login}/activities'].get").exists();
  }

  @Test
  void healthIsUp() {
    client.get().uri("/actuator/health/readiness").exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.status").isEqualTo("UP");
  }
}
