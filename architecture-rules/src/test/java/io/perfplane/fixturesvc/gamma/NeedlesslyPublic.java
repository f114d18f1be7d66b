package io.perfplane.fixturesvc.gamma;

/** Fixture: public, but nothing outside gamma uses it. */
public final class NeedlesslyPublic {
}
