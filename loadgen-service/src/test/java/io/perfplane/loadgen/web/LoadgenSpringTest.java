package io.perfplane.loadgen.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The whole service on a random port against a real embedded KRaft broker. Every test class using exactly this
 * annotation shares one application context (and one broker).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "perfplane.control.token=" + LoadgenSpringTest.TOKEN,
    "perfplane.loadgen.generator-id=" + LoadgenSpringTest.GENERATOR_ID,
    "perfplane.loadgen.max-vus=" + LoadgenSpringTest.MAX_VUS,
    "perfplane.loadgen.max-duration=10m",
    "perfplane.loadgen.drain-timeout=10s",
    "management.defaults.metrics.export.enabled=true",
    "management.prometheus.metrics.export.enabled=true"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers", brokerProperties = {
    "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@interface LoadgenSpringTest {

  String TOKEN = "test-control-token";
  String GENERATOR_ID = "test-generator";
  /** Room for an open scenario capped at every arrival it makes (LoadgenKafkaIntegrationTest). */
  int MAX_VUS = 250;
}
