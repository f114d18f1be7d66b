package io.perfplane.service.security;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The scopes a bearer token may carry. A JWT names them in its {@code scope} (space-separated) or {@code scp}
 * claim; a static token in {@code perfplane.security.tokens[i].scopes}. Either way they become the authorities
 * {@code SCOPE_<value>}.
 */
public enum Scope {

  /** Submit and stop load-generator runs. */
  RUNS_WRITE("runs:write"),
  /** Upload results to ingest-service. */
  RESULTS_WRITE("results:write"),
  /** Read runs, analyses, reports, cost estimates and tfvars. */
  RUNS_READ("runs:read"),
  /** Manage baselines and other shared settings. */
  ADMIN("admin");

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  /** The scope as tokens carry it, e.g. {@code runs:write}. */
  public String value() {
    return value;
  }

  /** The Spring Security authority, e.g. {@code SCOPE_runs:write}. */
  public String authority() {
    return "SCOPE_" + value;
  }

  /**
   * The scope a token names.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code value} is none of them
   */
  public static Scope of(String value) {
    String wanted = value.strip();
    return Arrays.stream(values()).filter(scope -> scope.value.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + wanted + "': use one of "
            + Arrays.stream(values()).map(Scope::value).collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return value;
  }
}
