package io.perfplane.loadgen.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requires {@code Authorization: Bearer <token>} on every request except actuator endpoints (health probes and
 * Prometheus scrapes stay open). Deny by default: an unknown path without the token is 401, not 404.
 *
 * <p>Both tokens are hashed before comparing, so {@link MessageDigest#isEqual} compares equal-length digests in
 * constant time and leaks neither content nor length.
 */
final class ControlTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "bearer ";

  private final byte[] expectedDigest;
  private final JsonMapper json;

  ControlTokenFilter(ControlProperties properties, JsonMapper json) {
    this.expectedDigest = sha256(properties.requiredToken());
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // Servlet path: decoded and normalized by the container, so "/actuator/../runs" cannot sneak past.
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.equals("/actuator") || path.startsWith("/actuator/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.length() > BEARER.length()
        && header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
        && MessageDigest.isEqual(expectedDigest, sha256(header.substring(BEARER.length()).strip()))) {
      chain.doFilter(request, response);
      return;
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Unauthorized");
    problem.put("status", HttpStatus.UNAUTHORIZED.value());
    problem.put("detail", header == null
        ? "missing Authorization: Bearer <token> header (the loadgen control token)"
        : "invalid control token");
    problem.put("instance", request.getRequestURI());
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"perfplane-loadgen\"");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8);
    json.writeValue(response.getOutputStream(), problem);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK spec", e);
    }
  }
}
