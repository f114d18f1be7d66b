package io.perfplane.ingest.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects requests without an accepted bearer token with 401 problem+json before the body is read. The presented
 * token is never logged or echoed.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

  // Constant text: nothing from the request is reflected into the response.
  private static final byte[] UNAUTHORIZED = """
      {"type":"about:blank","title":"Unauthorized","status":401,\
      "detail":"a valid bearer token is required (Authorization: Bearer <token>)"}"""
      .getBytes(StandardCharsets.UTF_8);

  private final BearerTokens tokens;

  public BearerTokenFilter(BearerTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (tokens.accepts(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"perfplane-ingest\"");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setContentLength(UNAUTHORIZED.length);
    response.getOutputStream().write(UNAUTHORIZED);
  }
}
