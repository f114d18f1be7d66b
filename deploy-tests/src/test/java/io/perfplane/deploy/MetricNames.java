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
import java.util.stream.Stream;

/**
 * Prometheus metric names the services really export: perfplane's own Micrometer meters, found in the services'
 * sources, plus the Spring Boot/Micrometer ones the dashboards use.
 */
final class MetricNames {

  private static final Pattern METER_LITERAL = Pattern.compile("\"(perfplane\\.[a-z0-9.]+)\"");
  private static final List<String> SUFFIXES = List.of("", "_total", "_seconds_count", "_seconds_sum",
      "_seconds_bucket", "_seconds_max", "_count", "_sum", "_max", "_bucket");
  /** Spring Boot actuator/Micrometer meters (http.server.requests timer with histogram, HikariCP pool gauges). */
  private static final Set<String> FRAMEWORK = Set.of("http_server_requests_seconds_count",
      "http_server_requests_seconds_sum", "http_server_requests_seconds_bucket", "http_server_requests_seconds_max",
      "hikaricp_connections_active", "hikaricp_connections_pending", "hikaricp_connections_idle");

  /** Metric references: perfplane_*, http_server_requests_*, hikaricp_* and recording rules (with colons). */
  static final Pattern REFERENCE = Pattern.compile(
      "\\b(perfplane_[a-z0-9_]+|http_server_requests_[a-z_]+|hikaricp_[a-z_]+|perfplane:[a-z0-9_:]+)\\b");

  private MetricNames() {
  }

  static Set<String> exported() {
    Set<String> names = new TreeSet<>(FRAMEWORK);
    for (String service : ServiceEnv.SERVICES) {
      Path sources = Repo.path(service + "-service/src/main/java");
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher matcher = METER_LITERAL.matcher(Files.readString(file));
          while (matcher.find()) {
            String base = matcher.group(1).replace('.', '_');
            SUFFIXES.forEach(suffix -> names.add(base + suffix));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  static Set<String> referencedIn(String expression) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = REFERENCE.matcher(expression);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
