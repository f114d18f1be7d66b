package io.perfplane.loadgen.engine;

/** The generator is shutting down and takes no new runs: HTTP 503. */
public final class ShuttingDownException extends RuntimeException {

  ShuttingDownException() {
    super("loadgen-service is shutting down and accepts no new runs");
  }
}
