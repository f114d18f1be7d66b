package io.perfplane.contracts.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Which hosts perfplane may send to: a list of {@code host:port} patterns. A load generator is a traffic cannon and
 * a webhook notifier posts run data, so everything not explicitly allowed is refused (loadgen's targets, the
 * analyzer's webhook URLs).
 *
 * <p>Pattern syntax: {@code host:port}, where the port is a number or {@code *} (any port), and each dot-separated
 * host label may be {@code *} (exactly one label: {@code *.example.com} matches {@code api.example.com} but neither
 * {@code example.com} nor {@code a.b.example.com}); the host {@code *} alone matches every host. IPv6 literals are
 * written in brackets ({@code [::1]:*}). Hosts compare case-insensitively; IP literals compare by address, so
 * {@code [0:0:0:0:0:0:0:1]} matches {@code [::1]}.
 *
 * <p>Targets are absolute {@code http}/{@code https} URLs. The port defaults to 80/443. URLs with user info
 * ({@code http://localhost@evil.com}) are refused outright: they exist mostly to make a URL look like it points
 * somewhere it does not. Matching is textual on the host name: it does not resolve DNS, so a pattern naming a host
 * trusts whatever that name resolves to.
 */
public final class TargetAllowList {

  private final List<String> patterns;
  private final List<HostPort> parsed;

  /**
   * @param patterns {@code host:port} patterns
   * @throws IllegalArgumentException if a pattern is malformed
   */
  public TargetAllowList(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    this.parsed = this.patterns.stream().map(TargetAllowList::parsePattern).toList();
  }

  /** The patterns as configured. */
  public List<String> patterns() {
    return patterns;
  }

  /**
   * The {@code host:port} of an absolute http(s) URL, lower-cased, with the default port filled in.
   *
   * @return empty when the URL is not an absolute http(s) URL with a host, or carries user info
   */
  public static Optional<String> authorityOf(String url) {
    return target(url).map(HostPort::toString);
  }

  /** Whether {@code url} is an acceptable http(s) URL whose host and port match at least one pattern. */
  public boolean allows(String url) {
    Optional<HostPort> target = target(url);
    return target.isPresent() && parsed.stream().anyMatch(pattern -> pattern.matches(target.get()));
  }

  private static Optional<HostPort> target(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.empty();
    }
    // A null host with a non-null authority means the authority did not parse as server-based (e.g. '_' in a name).
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      return Optional.empty();
    }
    int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    return Optional.of(new HostPort(normalizeHost(uri.getHost()), Integer.toString(port)));
  }

  private static HostPort parsePattern(String pattern) {
    String trimmed = pattern.trim();
    int colon = trimmed.lastIndexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw new IllegalArgumentException("allowed target '" + pattern + "' is not host:port (port may be *)");
    }
    String host = trimmed.substring(0, colon);
    String port = trimmed.substring(colon + 1);
    if (!port.equals("*") && !(port.matches("[0-9]{1,5}") && Integer.parseInt(port) <= 65535)) {
      throw new IllegalArgumentException("allowed target '" + pattern + "' has an invalid port '" + port + "'");
    }
    if (host.startsWith("[") != host.endsWith("]")) {
      throw new IllegalArgumentException("allowed target '" + pattern + "' has an unbalanced IPv6 bracket");
    }
    if (!host.startsWith("[") && host.contains(":")) {
      throw new IllegalArgumentException("allowed target '" + pattern + "': write IPv6 hosts in brackets, e.g. [::1]:*");
    }
    return new HostPort(host.equals("*") ? "*" : normalizeHost(host),
        port.equals("*") ? "*" : Integer.toString(Integer.parseInt(port)));
  }

  /** Lower case, no trailing root dot, IPv6 literals in one canonical bracketed form. */
  private static String normalizeHost(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".") && lower.length() > 1) {
      lower = lower.substring(0, lower.length() - 1);
    }
    if (lower.startsWith("[") && lower.endsWith("]")) {
      InetAddress address = ipv6Literal(lower.substring(1, lower.length() - 1));
      return address == null ? lower : "[" + address.getHostAddress() + "]";
    }
    return lower;
  }

  private static @Nullable InetAddress ipv6Literal(String text) {
    try {
      // ofLiteral never consults DNS.
      InetAddress address = InetAddress.ofLiteral(text);
      return address instanceof Inet6Address ? address : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private record HostPort(String host, String port) {

    boolean matches(HostPort target) {
      return (port.equals("*") || port.equals(target.port)) && hostMatches(target.host);
    }

    private boolean hostMatches(String targetHost) {
      if (host.equals("*") || host.equals(targetHost)) {
        return true;
      }
      if (host.startsWith("[") || targetHost.startsWith("[")) {
        return false;
      }
      String[] patternLabels = host.split("\\.", -1);
      String[] targetLabels = targetHost.split("\\.", -1);
      if (patternLabels.length != targetLabels.length) {
        return false;
      }
      for (int i = 0; i < patternLabels.length; i++) {
        if (!patternLabels[i].equals("*") && !patternLabels[i].equals(targetLabels[i])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
