package io.perfplane.fixturesvc.beta;

import io.perfplane.fixturesvc.alpha.Alpha;

/** Fixture: closes the alpha-beta cycle. Used from alpha, so public is right. */
public final class Beta {

  Alpha alpha() {
    return null;
  }
}
