package io.perfplane.launcher;

import java.util.Map;

/**
 * The local stack's credential: one generated secret granting every scope on every service, handed to each child
 * through both the indexed variables of the shared security model and the legacy single-token variables
 * (docs/security.md). Never printed.
 */
public final class LocalCredentials {

  /** Every scope: the local stack is its user's own. */
  public static final String ALL_SCOPES = "runs:write,runs:read,results:write,admin";

  private LocalCredentials() {
  }

  /** The environment variables that make a service accept {@code secret} with every scope. */
  public static Map<String, String> environment(String secret) {
    return Map.of(
        "PERFPLANE_SECURITY_TOKENS_0_NAME", "perfplane-local",
        "PERFPLANE_SECURITY_TOKENS_0_TOKEN", secret,
        "PERFPLANE_SECURITY_TOKENS_0_SCOPES", ALL_SCOPES,
        "PERFPLANE_CONTROL_TOKEN", secret,
        "PERFPLANE_INGEST_TOKENS", secret);
  }
}
