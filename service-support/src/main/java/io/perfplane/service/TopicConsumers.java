package io.perfplane.service;

import java.util.Map;

import io.perfplane.contracts.kafka.Topic;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Spring Kafka consumer factories typed by a {@link Topic}: its key deserializer, and its value deserializer behind
 * an {@link ErrorHandlingDeserializer}, so a record that cannot be decoded reaches the listener with a null value
 * instead of stopping the container in an endless poll-fail loop.
 */
public final class TopicConsumers {

  private TopicConsumers() {
  }

  /**
   * @param config consumer configs (group, offsets, client id...); deserializer settings in it are ignored
   */
  public static <K, V> ConsumerFactory<K, V> tolerant(Topic<K, V> topic, Map<String, Object> config) {
    return new DefaultKafkaConsumerFactory<>(config, topic.keySerde().deserializer(),
        new ErrorHandlingDeserializer<>(topic.valueSerde().deserializer()));
  }
}
