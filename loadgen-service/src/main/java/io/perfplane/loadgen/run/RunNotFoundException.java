package io.perfplane.loadgen.run;

/** No run with this id is known to this generator: HTTP 404. */
final class RunNotFoundException extends RuntimeException {

  RunNotFoundException(String runId) {
    super("no run '" + runId + "' on this generator");
  }
}
