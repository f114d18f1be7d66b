package io.perfplane.launcher;

/** Exit codes of {@code ./perfplane demo}, documented in README. */
final class ExitCodes {

  /** The run completed and every SLO held. */
  static final int OK = 0;
  /** Startup, configuration or infrastructure error. */
  static final int ERROR = 1;
  /** Bad command-line arguments. */
  static final int USAGE = 2;
  /** The run was aborted (stopped by a user or an abortOnFail threshold). */
  static final int ABORTED = 97;
  /** The run completed but at least one SLO was breached (k6 uses 99 for failed thresholds too). */
  static final int THRESHOLDS_FAILED = 99;
  /** Interrupted with Ctrl-C. */
  static final int INTERRUPTED = 130;

  private ExitCodes() {
  }

  static String describe(int code) {
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
