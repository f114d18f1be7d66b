package io.perfplane.loadgen.system;

import io.perfplane.loadgen.engine.RunRegistry;
import org.springframework.context.SmartLifecycle;

/**
 * Opens the run registry with the application and shuts it down before the web server and the Kafka publishers
 * stop, so that runs aborted by the shutdown still publish their samples and ABORTED events. The engine itself knows
 * nothing of Spring's lifecycle.
 */
final class RunRegistryLifecycle implements SmartLifecycle {

  private final RunRegistry registry;

  RunRegistryLifecycle(RunRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void start() {
    registry.open();
  }

  @Override
  public void stop() {
    registry.shutDown();
  }

  @Override
  public boolean isRunning() {
    return registry.isOpen();
  }

  @Override
  public int getPhase() {
    // Before the web server and the Kafka publishers stop: aborting runs still publishes their ABORTED events.
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }
}
