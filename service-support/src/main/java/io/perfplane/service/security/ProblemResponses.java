package io.perfplane.service.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem+json, with the RFC 6750 {@code WWW-Authenticate: Bearer} challenge Spring
 * Security's bearer handlers set. Nothing from the presented token is reflected into the answer.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
  private final List<Map.Entry<RequestMatcher, Scope>> rules;

  /**
   * @param rules the service's rules, matched as the filter chain matches them, to name the missing scope
   */
  ProblemResponses(String realm, List<Map.Entry<RequestMatcher, Scope>> rules) {
    challenge.setRealmName(realm);
    denied.setRealmName(realm);
    this.rules = rules;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    challenge.commence(request, response, failure);
    String detail = request.getHeader("Authorization") == null
        ? "a bearer token is required (Authorization: Bearer <token>); see docs/security.md"
        : "the bearer token is missing, malformed, unknown, expired or from another issuer";
    write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", detail);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException failure)
      throws IOException {
    denied.handle(request, response, failure);
    Scope required = requiredScope(request);
    write(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", required == null
        ? "the token does not grant access to this endpoint"
        : "the token lacks the scope " + required.value() + " this endpoint requires");
  }

  private @Nullable Scope requiredScope(HttpServletRequest request) {
    return rules.stream().filter(rule -> rule.getKey().matches(request)).map(Map.Entry::getValue).findFirst()
        .orElse(null);
  }

  private static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
      String detail) throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    byte[] body = JSON.writeValueAsBytes(problem);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // JSON is UTF-8 by definition (RFC 8259): no charset parameter, as Spring's own problem responses.
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
