package io.perfplane.fixturesvc.gamma;

/** Fixture: only its nested type is used from another package (delta), which keeps it public rightly. */
public final class Exposed {

  /** The part another package uses. */
  public static final class Part {

    public Shape shape() {
      return new Shape(3);
    }
  }
}
