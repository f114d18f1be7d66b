package io.perfplane.service;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code perfplane-defaults.yml} as the property source of <em>lowest</em> precedence, so every service gets
 * the shared defaults and can still override any of them in its own {@code application.yml}. (A
 * {@code spring.config.import} would do the opposite: imported files win over the file importing them.)
 */
public final class PerfplaneDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String RESOURCE = "perfplane-defaults.yml";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getPropertySources().contains(RESOURCE)) {
      return;
    }
    try {
      new YamlPropertySourceLoader().load(RESOURCE, new ClassPathResource(RESOURCE))
          .forEach(source -> environment.getPropertySources().addLast(source));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
