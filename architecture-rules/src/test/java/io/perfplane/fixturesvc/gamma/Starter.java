package io.perfplane.fixturesvc.gamma;

/** Fixture: an entry point (a main), public although no package uses it. */
public final class Starter {

  public static void main(String[] args) {
    new NeedlesslyPublic().hashCode();
    new Exposed.Part().hashCode();
  }
}
