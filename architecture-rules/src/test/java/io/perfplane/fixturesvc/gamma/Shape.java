package io.perfplane.fixturesvc.gamma;

/** Fixture: no other package names it, but the public part another package uses returns it. */
public record Shape(int sides) {
}
