package io.perfplane.loadgen.run;

/** The request conflicts with a run's existence or state: HTTP 409. */
final class RunConflictException extends RuntimeException {

  RunConflictException(String message) {
    super(message);
  }
}
