package io.perfplane.loadgen.engine;

import org.springframework.context.SmartLifecycle;

/** Breaks the engine's plain-Java rule on purpose (ArchitectureTest shows the rule catches it); never used. */
public final class SpringAwareEngineFixture {

  SmartLifecycle lifecycle;
}
