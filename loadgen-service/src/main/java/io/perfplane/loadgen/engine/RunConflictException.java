package io.perfplane.loadgen.engine;

/** The request conflicts with a run's existence or state: HTTP 409. */
public final class RunConflictException extends RuntimeException {

  public RunConflictException(String message) {
    super(message);
  }
}
