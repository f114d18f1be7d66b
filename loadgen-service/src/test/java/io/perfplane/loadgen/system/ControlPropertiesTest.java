package io.perfplane.loadgen.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ControlPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ControlProperties.class)
  static class ControlOnly {
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(ControlOnly.class);

  @Test
  void startupFailsWithAClearMessageWithoutAToken() {
    runner.run(context -> assertThat(context).getFailure().rootCause()
        .hasMessageContaining("perfplane.control.token is required")
        .hasMessageContaining("PERFPLANE_CONTROL_TOKEN"));
  }

  @Test
  void startupFailsWithABlankToken() {
    runner.withPropertyValues("perfplane.control.token=   ")
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("perfplane.control.token is required"));
  }

  @Test
  void theTokenNeverAppearsInToString() {
    runner.withPropertyValues("perfplane.control.token=s3cret-value").run(context -> {
      ControlProperties properties = context.getBean(ControlProperties.class);
      assertThat(properties.requiredToken()).isEqualTo("s3cret-value");
      assertThat(properties.toString()).doesNotContain("s3cret");
    });
  }
}
