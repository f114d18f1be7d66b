package io.perfplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.perfplane.contracts.kafka.Topic;
import io.perfplane.contracts.kafka.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

class ServiceSupportAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TopicsAutoConfiguration.class, ParentWatchdogAutoConfiguration.class));

  @Test
  void declaresEveryCatalogTopicWithTheConfiguredReplicationFactor() {
    runner.withPropertyValues("perfplane.kafka.replication-factor=3", "perfplane.kafka.create-topics=true")
        .run(context -> {
          assertThat(context).hasSingleBean(KafkaAdmin.NewTopics.class);
          NewTopic[] topics = TopicsAutoConfiguration.newTopics(
              context.getBean(PerfplaneKafkaProperties.class).replicationFactor()).toArray(NewTopic[]::new);
          assertThat(topics).extracting(NewTopic::name)
              .containsExactlyElementsOf(Topics.all().stream().map(Topic::name).toList());
          assertThat(topics).allSatisfy(t -> assertThat(t.replicationFactor()).isEqualTo((short) 3));
          NewTopic breaches = Arrays.stream(topics).filter(t -> t.name().equals("slo-breaches")).findFirst().orElseThrow();
          assertThat(breaches.configs()).containsEntry("cleanup.policy", "compact");
        });
  }

  @Test
  void topicCreationCanBeTurnedOff() {
    runner.withPropertyValues("perfplane.kafka.create-topics=false", "perfplane.kafka.replication-factor=1")
        .run(context -> assertThat(context).doesNotHaveBean(KafkaAdmin.NewTopics.class));
  }

  @Test
  void watchdogOnlyWhenALauncherPassesItsPid() {
    runner.withPropertyValues("perfplane.kafka.replication-factor=1", "perfplane.kafka.create-topics=true")
        .run(context -> assertThat(context).doesNotHaveBean(ParentWatchdog.class));
    runner.withPropertyValues("perfplane.kafka.replication-factor=1", "perfplane.kafka.create-topics=true",
            "PERFPLANE_PARENT_PID=" + ProcessHandle.current().parent().orElseThrow().pid())
        .run(context -> assertThat(context).hasSingleBean(ParentWatchdog.class));
  }
}
