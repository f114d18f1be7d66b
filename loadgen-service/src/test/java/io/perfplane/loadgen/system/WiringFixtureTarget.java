package io.perfplane.loadgen.system;

/** A public type in the wiring package, for WiringReachingWebFixture to depend on; never used. */
public final class WiringFixtureTarget {
}
