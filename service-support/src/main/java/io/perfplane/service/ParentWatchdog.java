package io.perfplane.service;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Exits the service when the process that launched it dies. The local launcher ({@code ./perfplane demo}) sets
 * {@code PERFPLANE_PARENT_PID}; if the launcher is killed with SIGKILL its shutdown hook never runs, and without
 * this watchdog the services would be orphaned holding their ports.
 */
final class ParentWatchdog implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ParentWatchdog.class);

  private final ConfigurableApplicationContext context;
  private final long parentPid;
  private volatile boolean running;

  ParentWatchdog(ConfigurableApplicationContext context, long parentPid) {
    this.context = context;
    this.parentPid = parentPid;
  }

  @Override
  public void start() {
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    if (parent.isEmpty()) {
      log.warn("Launcher process {} is already gone; shutting down", parentPid);
      exit();
      return;
    }
    parent.get().onExit().thenRun(() -> {
      if (running) {
        log.warn("Launcher process {} exited; shutting down", parentPid);
        exit();
      }
    });
    running = true;
  }

  private void exit() {
    Thread.ofPlatform().name("parent-watchdog-exit").start(() -> System.exit(SpringApplication.exit(context)));
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
