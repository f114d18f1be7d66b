package io.perfplane.launcher;

/** Exit codes of {@code ./perfplane demo} and {@code ./perfplane run}, documented in README. */
public final class ExitCodes {

  /** The run completed and every SLO held. */
  public static final int OK = 0;
  /** Startup, configuration or infrastructure error. */
  public static final int ERROR = 1;
  /** Bad command-line arguments; for {@code run} also a definition loadgen-service rejected or refused (nothing ran). */
  public static final int USAGE = 2;
  /** The run was aborted (stopped by a user or an abortOnFail threshold). */
  public static final int ABORTED = 97;
  /**
   * The run completed but at least one SLO was breached ({@code demo}) or threshold failed ({@code run}); k6 uses 99
   * for failed thresholds too.
   */
  public static final int THRESHOLDS_FAILED = 99;
  /** Interrupted with Ctrl-C. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {
  }

  public static String describe(int code) {
    return switch (code) {
      case OK -> "all SLOs held";
      case THRESHOLDS_FAILED -> "SLO thresholds FAILED";
      case ABORTED -> "run ABORTED";
      case INTERRUPTED -> "interrupted";
      case USAGE -> "usage error";
      default -> "error";
    };
  }
}
