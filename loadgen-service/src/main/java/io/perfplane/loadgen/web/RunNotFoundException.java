package io.perfplane.loadgen.web;

/** No such run (or built-in profile) here: HTTP 404. */
final class RunNotFoundException extends RuntimeException {

  RunNotFoundException(String runId) {
    this(runId, false);
  }

  private RunNotFoundException(String name, boolean profile) {
    super(profile ? "no built-in profile '" + name + "'; see GET /runs/profiles" : "no run '" + name + "' on this generator");
  }

  static RunNotFoundException profile(String name) {
    return new RunNotFoundException(name, true);
  }
}
