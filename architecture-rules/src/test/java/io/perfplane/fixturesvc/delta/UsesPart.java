package io.perfplane.fixturesvc.delta;

import io.perfplane.fixturesvc.gamma.Exposed;

/** Fixture: reaches gamma's nested type only. */
final class UsesPart {

  Exposed.Part part() {
    return new Exposed.Part();
  }
}
