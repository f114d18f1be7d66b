package io.perfplane.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a perfplane service really reads, taken from its configuration files, so that a
 * deployment file setting a misspelt or retired variable fails a test instead of being silently ignored.
 */
final class ServiceEnv {

  static final List<String> SERVICES = List.of("api", "ingest", "loadgen", "analyzer", "cost");

  /** Ports the services listen on by default (README "Services and ports"). */
  static int defaultPort(String service) {
    return 8081 + SERVICES.indexOf(service);
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(PERFPLANE_[A-Z0-9_]+)");

  /** Variables bound by Spring's relaxed binding (no placeholder in a file), by name prefix. */
  private static final List<String> RELAXED_PREFIXES = List.of("PERFPLANE_ANALYZER_SLOS_", "PERFPLANE_SECURITY_",
      "SPRING_", "MANAGEMENT_", "SERVER_", "LOGGING_");

  /** The services behind service-support's bearer-token security (api-service keeps its own API keys). */
  static final Set<String> SECURED = Set.of("ingest", "loadgen", "analyzer", "cost");

  private ServiceEnv() {
  }

  /** {@code PERFPLANE_*} placeholders of the service's application.yml plus the shared perfplane-defaults.yml. */
  static Set<String> placeholders(String service) {
    Set<String> names = new TreeSet<>();
    names.addAll(scan(Repo.path(service + "-service/src/main/resources/application.yml")));
    names.addAll(scan(Repo.path("service-support/src/main/resources/perfplane-defaults.yml")));
    return names;
  }

  /** True when setting {@code variable} changes what {@code service} does. */
  static boolean reads(String service, String variable) {
    if (variable.equals("JAVA_TOOL_OPTIONS") || variable.equals("JAVA_OPTS")) {
      return true;
    }
    if (placeholders(service).contains(variable)) {
      return true;
    }
    return RELAXED_PREFIXES.stream().anyMatch(prefix -> variable.startsWith(prefix)
        && (!prefix.equals("PERFPLANE_ANALYZER_SLOS_") || service.equals("analyzer"))
        && (!prefix.equals("PERFPLANE_SECURITY_") || SECURED.contains(service)));
  }

  /** Variables the service refuses to start without (blank placeholder default and documented as required). */
  static Set<String> required(String service) {
    return switch (service) {
      // The shared model's static token (docs/security.md); the legacy variables stay for existing setups.
      case "loadgen" -> Set.of("PERFPLANE_SECURITY_TOKENS_0_TOKEN", "PERFPLANE_CONTROL_TOKEN");
      case "ingest" -> Set.of("PERFPLANE_SECURITY_TOKENS_0_TOKEN", "PERFPLANE_INGEST_TOKENS");
      case "analyzer", "cost" -> Set.of("PERFPLANE_SECURITY_TOKENS_0_TOKEN");
      default -> Set.of();
    };
  }

  private static Set<String> scan(Path file) {
    if (!Files.isRegularFile(file)) {
      return Set.of();
    }
    try {
      Set<String> names = new TreeSet<>();
      Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
