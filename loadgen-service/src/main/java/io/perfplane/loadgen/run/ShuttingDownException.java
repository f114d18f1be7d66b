package io.perfplane.loadgen.run;

/** The generator is shutting down and takes no new runs: HTTP 503. */
final class ShuttingDownException extends RuntimeException {

  ShuttingDownException() {
    super("loadgen-service is shutting down and accepts no new runs");
  }
}
