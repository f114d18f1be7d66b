package io.perfplane.loadgen.plan;

import java.util.Locale;
import java.util.regex.Pattern;

import io.perfplane.loadgen.plan.HttpSettings.ClientCertificate;
import io.perfplane.loadgen.plan.HttpSettings.Version;
import io.perfplane.loadgen.plan.TestDefinition.ClientCertificateSpec;
import io.perfplane.loadgen.plan.TestDefinition.HttpSpec;
import org.jspecify.annotations.Nullable;

/** The definition's {@code http:} section: protocol version and TLS settings, checked under {@code http.*}. */
final class HttpSection {

  static final int MAX_CONNECTIONS = 1_000;
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private HttpSection() {
  }

  /** The settings; the defaults (with violations) for what is unusable. */
  static HttpSettings settings(@Nullable HttpSpec spec, FieldChecks checks) {
    if (spec == null) {
      return HttpSettings.DEFAULT;
    }
    Version version = version(spec.version(), checks);
    int maxConnections = HttpSettings.DEFAULT_MAX_CONNECTIONS;
    if (spec.maxConnections() != null) {
      maxConnections = spec.maxConnections();
      if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
        checks.add("http.maxConnections", "must be between 1 and " + MAX_CONNECTIONS);
        maxConnections = HttpSettings.DEFAULT_MAX_CONNECTIONS;
      }
    }
    return new HttpSettings(version, Boolean.TRUE.equals(spec.insecureSkipVerify()),
        clientCertificate(spec.clientCertificate(), checks), maxConnections);
  }

  private static Version version(@Nullable String text, FieldChecks checks) {
    if (text == null) {
      return Version.AUTO;
    }
    // YAML reads an unquoted 2 or 1.1 as a number, which arrives here as its text ("2", "1.1", "2.0").
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> Version.AUTO;
      case "1.1", "http/1.1" -> Version.HTTP_1_1;
      case "2", "2.0", "http/2" -> Version.HTTP_2;
      default -> {
        checks.add("http.version", "must be auto, 1.1 or 2, not '" + text + "'");
        yield Version.AUTO;
      }
    };
  }

  private static @Nullable ClientCertificate clientCertificate(@Nullable ClientCertificateSpec spec,
      FieldChecks checks) {
    if (spec == null) {
      return null;
    }
    String field = "http.clientCertificate";
    boolean valid = true;
    if (spec.keystore() == null || spec.keystore().isBlank()) {
      checks.add(field + ".keystore", "is required: the path of a PKCS#12 file");
      valid = false;
    }
    if (spec.passwordEnv() != null && spec.passwordFile() != null) {
      checks.add(field, "must have at most one of passwordEnv, passwordFile");
      valid = false;
    }
    if (spec.passwordEnv() != null && !ENV_NAME.matcher(spec.passwordEnv()).matches()) {
      checks.add(field + ".passwordEnv", "must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
      valid = false;
    }
    if (spec.passwordFile() != null && spec.passwordFile().isBlank()) {
      checks.add(field + ".passwordFile", "must be a file path");
      valid = false;
    }
    return valid ? new ClientCertificate(spec.keystore().trim(), spec.passwordEnv(), spec.passwordFile()) : null;
  }
}
