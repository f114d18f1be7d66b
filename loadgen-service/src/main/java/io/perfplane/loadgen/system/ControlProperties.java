package io.perfplane.loadgen.system;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Control API settings ({@code perfplane.control.*}).
 *
 * @param token bearer token every control API request must carry (env {@code PERFPLANE_CONTROL_TOKEN}); required,
 *     because an unauthenticated load generator is a denial-of-service tool for anyone who can reach it
 */
@ConfigurationProperties("perfplane.control")
record ControlProperties(@Nullable String token) {

  public ControlProperties {
    if (token == null || token.isBlank()) {
      // Never echo the value: this message is logged.
      throw new IllegalArgumentException("perfplane.control.token is required: set PERFPLANE_CONTROL_TOKEN to the "
          + "bearer token clients of the loadgen control API must send (Authorization: Bearer <token>)");
    }
  }

  /** The token, checked non-blank by the constructor. */
  public String requiredToken() {
    return token == null ? "" : token;
  }

  @Override
  public String toString() {
    return "ControlProperties[token=******]";
  }
}
