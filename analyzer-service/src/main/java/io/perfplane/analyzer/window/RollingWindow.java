package io.perfplane.analyzer.window;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The windows the analyzer reports: trailing 10 s, 1 min and 5 min, and the whole run. */
public enum RollingWindow {
  TEN_SECONDS("10s", 10),
  ONE_MINUTE("1m", 60),
  FIVE_MINUTES("5m", 300),
  RUN("run", 0);

  private final String id;
  private final int seconds;

  RollingWindow(String id, int seconds) {
    this.id = id;
    this.seconds = seconds;
  }

  /** Query-parameter and label form: {@code 10s}, {@code 1m}, {@code 5m}, {@code run}. */
  public String id() {
    return id;
  }

  /** Length in seconds; 0 for {@link #RUN}. */
  public int seconds() {
    return seconds;
  }

  /** The window named {@code id} (case-insensitive), if any. */
  public static Optional<RollingWindow> parse(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(w -> w.id.equals(wanted)).findFirst();
  }
}
