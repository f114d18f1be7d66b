package io.perfplane.loadgen.engine;

/** Lifecycle of a run on this generator. Only RUNNING is not terminal. */
public enum RunState {
  /** Load is being generated, or the run is stopping and flushing its samples. */
  RUNNING,
  /** Every stage ran; FINISHED was published after the samples were flushed. */
  FINISHED,
  /** Stopped early (by a user, an abort request or shutdown); ABORTED was published. */
  ABORTED,
  /** The run could not run or could not report its end; {@code reason} says why. */
  FAILED;

  public boolean terminal() {
    return this != RUNNING;
  }
}
