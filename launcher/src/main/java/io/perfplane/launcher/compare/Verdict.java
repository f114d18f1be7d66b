package io.perfplane.launcher.compare;

/** A row's verdict, as printed. */
enum Verdict {
  /** No significant change: the interval holds no change, or the test's p-value is above α. */
  SAME("~"),
  /** A significant change for the better. */
  BETTER("better"),
  /** A significant change for the worse, within the tolerance (or none was set). */
  WORSE("worse"),
  /** A significant change for the worse whose whole interval lies beyond the tolerance: the gate fails. */
  REGRESSION("REGRESSION");

  private final String text;

  Verdict(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }
}
