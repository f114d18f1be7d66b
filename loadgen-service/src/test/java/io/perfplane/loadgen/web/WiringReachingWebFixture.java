package io.perfplane.loadgen.web;

import io.perfplane.loadgen.system.WiringFixtureTarget;

/** Depends on the wiring on purpose (ArchitectureTest shows the rule catches it); never used. */
public final class WiringReachingWebFixture {

  WiringFixtureTarget wiring;
}
