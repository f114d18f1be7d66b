package io.perfplane.loadgen.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.perfplane.contracts.net.TargetAllowList;
import org.jspecify.annotations.Nullable;

/**
 * Where a plan sends its load: the base URL, the step paths appended to it, and the allow-list check. Paths are
 * checked on the URL they make, so that no path leaves the target host.
 */
final class PlanTarget {

  private PlanTarget() {
  }

  /** The base URL without a trailing slash, or "" (with a violation) when unusable. */
  static String checkBaseUrl(@Nullable String url, List<FieldViolation> violations) {
    if (url == null || url.isBlank()) {
      violations.add(new FieldViolation("targetBaseUrl", "is required"));
      return "";
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      violations.add(new FieldViolation("targetBaseUrl", "is not a valid URL: " + e.getReason()));
      return "";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      violations.add(new FieldViolation("targetBaseUrl", "must be an absolute http:// or https:// URL with a host"));
    } else if (uri.getRawUserInfo() != null) {
      violations.add(new FieldViolation("targetBaseUrl", "must not contain user info ('user@')"));
    } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      violations.add(new FieldViolation("targetBaseUrl", "must not contain a query or fragment; put them in requests[].path"));
    }
    String base = uri.toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The URL {@code path} makes on the base URL, or null (with a violation unless the base URL is unusable). */
  static @Nullable URI checkPath(@Nullable String path, String baseUrl, Optional<String> baseAuthority,
      String field, List<FieldViolation> violations) {
    if (path == null || path.isBlank()) {
      violations.add(new FieldViolation(field, "is required"));
      return null;
    }
    // Paths are appended to the base URL as text; '//' would make the rest read as an authority elsewhere.
    if (!path.startsWith("/") || path.startsWith("//")) {
      violations.add(new FieldViolation(field, "must start with a single '/'"));
      return null;
    }
    if (baseAuthority.isEmpty()) {
      return null; // targetBaseUrl already reported
    }
    URI uri;
    try {
      uri = new URI(baseUrl + path);
    } catch (URISyntaxException e) {
      violations.add(new FieldViolation(field, "is not a valid URL path: " + e.getReason()));
      return null;
    }
    if (!TargetAllowList.authorityOf(uri.toString()).equals(baseAuthority)) {
      violations.add(new FieldViolation(field, "must stay on the target host " + baseAuthority.get()));
      return null;
    }
    return uri;
  }

  static void checkAllowed(TargetAllowList allowList, String baseUrl, List<FieldViolation> notAllowed) {
    if (!allowList.allows(baseUrl)) {
      notAllowed.add(new FieldViolation("targetBaseUrl", "target " + TargetAllowList.authorityOf(baseUrl).orElse(baseUrl)
          + " is not in the allowed targets " + allowList.patterns()
          + " (perfplane.loadgen.allowed-targets, env PERFPLANE_LOADGEN_ALLOWED_TARGETS)"));
    }
  }
}
