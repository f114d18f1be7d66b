package io.perfplane.analyzer.runs;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Proxies {@code GET /runs/{runId}} and everything below it to the instance that owns the run, so any instance
 * answers for every run. A filter rather than controller code: it covers every per-run endpoint (JSON and report
 * pages) without each of them knowing about routing.
 */
@Component
class RunRoutingFilter extends OncePerRequestFilter {

  private static final Pattern RUN_PATH = Pattern.compile("^/runs/([^/]+)(/.*)?$");

  private final RunRouter router;

  RunRoutingFilter(RunRouter router) {
    this.router = router;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || request.getHeader(RunRouter.FORWARDED_HEADER) != null
        || !RUN_PATH.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher path = RUN_PATH.matcher(request.getRequestURI());
    if (!path.matches()) {
      chain.doFilter(request, response);
      return;
    }
    String runId = UriUtils.decode(path.group(1), java.nio.charset.StandardCharsets.UTF_8);
    Optional<HostInfo> owner;
    try {
      owner = router.remoteOwner(runId);
    } catch (InvalidStateStoreException e) {
      owner = Optional.empty(); // the controller answers 503 while the stores are unavailable
    }
    if (owner.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String query = request.getQueryString();
    HttpResponse<byte[]> forwarded;
    try {
      forwarded = router.get(owner.get(), request.getRequestURI() + (query == null ? "" : "?" + query),
          request.getHeader("Authorization"));
    } catch (IOException e) {
      response.sendError(HttpStatus.BAD_GATEWAY.value(),
          "the analyzer instance owning run '" + runId + "' (" + owner.get() + ") did not answer");
      return;
    }
    response.setStatus(forwarded.statusCode());
    forwarded.headers().firstValue("Content-Type").ifPresent(response::setContentType);
    response.setContentLength(forwarded.body().length);
    response.getOutputStream().write(forwarded.body());
  }
}
