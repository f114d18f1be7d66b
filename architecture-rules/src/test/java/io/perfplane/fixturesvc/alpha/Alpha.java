package io.perfplane.fixturesvc.alpha;

import io.perfplane.fixturesvc.beta.Beta;

/** Fixture: alpha uses beta, and beta uses alpha back (a cycle). Used from beta, so public is right. */
public final class Alpha {

  int size(Beta beta) {
    return beta.hashCode();
  }
}
