package io.perfplane.loadgen.engine;

import java.util.HashMap;
import java.util.Map;

import io.perfplane.loadgen.plan.TimingCapture;
import io.perfplane.loadgen.timing.ResponseTimings;
import org.jspecify.annotations.Nullable;

/**
 * What one virtual user carries from request to request: the variables its steps extracted, its cookie jar and
 * whether its {@code onStart} steps have succeeded. A closed-model user keeps one for its life, an open-model
 * iteration has its own. Everything is created on first use, so a scenario that extracts nothing and receives no
 * cookie pays nothing per request. Used by one thread at a time.
 */
final class VuSession {

  private final int vu;
  private @Nullable Map<String, String> variables;
  private @Nullable CookieJar cookies;
  private boolean started;
  private @Nullable ResponseTimings timings;

  /** @param vu the virtual user (closed model) or slot (open model) number, {@code ${vu}} */
  VuSession(int vu) {
    this.vu = vu;
  }

  int vu() {
    return vu;
  }

  /** The variable's value, or null when no extraction set it (or the last one failed). */
  @Nullable String variable(String name) {
    Map<String, String> vars = variables;
    return vars == null ? null : vars.get(name);
  }

  void set(String name, String value) {
    if (variables == null) {
      variables = new HashMap<>();
    }
    variables.put(name, value);
  }

  void unset(String name) {
    if (variables != null) {
      variables.remove(name);
    }
  }

  /** The jar, or null before the first cookie arrived. */
  @Nullable CookieJar cookies() {
    return cookies;
  }

  void cookies(CookieJar jar) {
    this.cookies = jar;
  }

  /** The user's server-timing reader, created on first use (its buffers then serve every response). */
  ResponseTimings timings(TimingCapture capture) {
    if (timings == null) {
      timings = new ResponseTimings(capture);
    }
    return timings;
  }

  /** Whether its {@code onStart} steps all succeeded (always true for a scenario without them). */
  boolean started() {
    return started;
  }

  void started(boolean value) {
    this.started = value;
  }
}
