package io.perfplane.analyzer.runs;

/** No run with the requested id: every analyzer API answers it with the same 404 ({@link RunProblems}). */
public final class RunNotFoundException extends RuntimeException {

  private final String runId;

  /** @param runId the id asked for */
  public RunNotFoundException(String runId) {
    super("no run with runId '" + runId + "'");
    this.runId = runId;
  }

  /** The id asked for. */
  public String runId() {
    return runId;
  }
}
