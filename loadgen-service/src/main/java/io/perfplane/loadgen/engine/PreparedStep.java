package io.perfplane.loadgen.engine;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.perfplane.contracts.CheckOutcome;
import io.perfplane.loadgen.plan.Check;
import io.perfplane.loadgen.plan.Extraction;
import io.perfplane.loadgen.plan.Template;
import io.perfplane.loadgen.plan.ValidPlan.Step;
import org.jspecify.annotations.Nullable;

/**
 * A step with what can be computed once: its constant request bytes, the response headers and body bytes it needs,
 * and its count of skips. Used by every iteration of its scenario.
 */
final class PreparedStep {

  final Step step;
  final boolean needsBody;
  final Check.@Nullable Status statusCheck;
  /** Whether the scenario keeps cookies. */
  final boolean cookies;
  /** Whether it has extractions, and whether it requires extracted variables. */
  final boolean extracts;
  final boolean requires;
  /** Response headers to capture: Set-Cookie when cookies are kept, the extracted ones and the server timings. */
  final List<String> capture;
  /** Whether {@link #capture} names server-timing headers (the response's headers then go to the user's reader). */
  final boolean timings;
  /** Every check passed, one outcome per check (shared by every sample whose checks all passed); empty for none. */
  final List<CheckOutcome> allPassed;
  final LongAdder skipped = new LongAdder();
  private final byte @Nullable [] constant;
  private final long constantBytesOut;
  private final @Nullable String constantCookiePath;

  private final String basePath;
  private final HttpTransport http;
  /** The sample tags of a response without a failed check, by protocol: built once, shared by every sample. */
  private final Map<String, String> http1Tags;
  private final Map<String, String> http2Tags;
  private final Map<String, String> noResponseTags;

  /**
   * @param cookies whether the scenario keeps cookies
   * @param basePath the base URL's path ("" or "/prefix"), prepended to the step's
   * @param timingHeaders lower-case names of the headers carrying server timings; empty for none
   */
  PreparedStep(Step step, boolean cookies, String basePath, HttpTransport http, List<String> timingHeaders) {
    this.step = step;
    this.basePath = basePath;
    this.http = http;
    this.cookies = cookies;
    this.extracts = !step.extractions().isEmpty();
    this.requires = !step.requires().isEmpty();
    this.needsBody = step.checks().stream().anyMatch(Check::needsBody)
        || step.extractions().stream().anyMatch(Extraction::needsBody);
    LinkedHashSet<String> names = new LinkedHashSet<>();
    if (cookies) {
      names.add(Iterations.SET_COOKIE);
    }
    step.extractions().stream().filter(Extraction.Header.class::isInstance)
        .forEach(x -> names.add(((Extraction.Header) x).header()));
    names.addAll(timingHeaders);
    this.capture = List.copyOf(names);
    this.timings = !timingHeaders.isEmpty();
    // Collections.emptyList(): its iterator is a shared singleton, and the encoder iterates on every sample.
    this.allPassed = step.checks().isEmpty() ? Collections.emptyList()
        : step.checks().stream().map(c -> new CheckOutcome(c.describe(), 1, 0)).toList();
    this.constantCookiePath = step.path().isConstant()
        ? Iterations.cookiePathOf(basePath + step.path().render(name -> "", v -> v)) : null;
    this.statusCheck = step.checks().stream().filter(Check.Status.class::isInstance).map(Check.Status.class::cast)
        .findFirst().orElse(null);
    boolean constantTemplates = step.path().isConstant() && step.body().isConstant()
        && step.headers().values().stream().allMatch(Template::isConstant);
    this.constant = constantTemplates ? build(name -> "", null) : null;
    // The rendered body, not its text: a literal "$${" is sent as "${".
    this.http1Tags = tagMap(step.group(), HttpTransport.HTTP_1_1, null);
    this.http2Tags = tagMap(step.group(), HttpTransport.HTTP_2, null);
    this.noResponseTags = tagMap(step.group(), null, null);
    this.constantBytesOut = step.body().isConstant()
        ? step.body().render(name -> "", value -> value).getBytes(StandardCharsets.UTF_8).length : 0;
  }

  /**
   * A sample's tags: {@code group}, {@code proto} (k6's name: {@code HTTP/1.1} or {@code HTTP/2.0}; absent without a
   * response) and {@code check} (the failed check). Precomputed unless a check failed: no allocation per sample.
   *
   * @param protocol the response's {@link HttpTransport.Response#protocol()}; null when no response arrived
   */
  Map<String, String> tags(@Nullable String protocol, @Nullable String failedCheck) {
    if (failedCheck != null) {
      return tagMap(step.group(), protocol, failedCheck);
    }
    if (protocol == null) {
      return noResponseTags;
    }
    return protocol.equals(HttpTransport.HTTP_2) ? http2Tags : http1Tags;
  }

  private static Map<String, String> tagMap(@Nullable String group, @Nullable String protocol,
      @Nullable String failedCheck) {
    if (group == null && protocol == null && failedCheck == null) {
      return Map.of();
    }
    Map<String, String> tags = new HashMap<>(4);
    if (group != null) {
      tags.put("group", group);
    }
    if (protocol != null) {
      tags.put("proto", protocol);
    }
    if (failedCheck != null) {
      tags.put("check", failedCheck);
    }
    return failedCheck == null ? Map.copyOf(tags) : tags;
  }

  byte[] request(Function<String, String> values) {
    return constant != null ? constant : build(values, null);
  }

  /** The request path without its query, as cookies match it. */
  String cookiePath(Function<String, String> values) {
    return constantCookiePath != null ? constantCookiePath
        : Iterations.cookiePathOf(basePath + step.path().render(values, Iterations::encodePathValue));
  }

  void addSkipped(List<RunStatus.SkippedStep> into, String scenario, String field) {
    long count = skipped.sum();
    if (count > 0) {
      into.add(new RunStatus.SkippedStep(scenario, field, step.endpoint(), count));
    }
  }

  long bytesOut(Function<String, String> values) {
    return constant != null || step.body().isConstant() ? constantBytesOut
        : step.body().render(values, v -> v).getBytes(StandardCharsets.UTF_8).length;
  }

  /** The request; with {@code cookie}, a Cookie header carrying it (after the step's own Cookie header). */
  byte[] build(Function<String, String> values, @Nullable String cookie) {
    // The base URL's own path prefixes every step path; variables are percent-encoded into their segment.
    String path = basePath + step.path().render(values, Iterations::encodePathValue);
    byte[] body = step.body().render(values, v -> v).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    step.headers().forEach((name, value) -> headers.put(name, value.render(values, v -> v)));
    if (cookie != null) {
      String own = null;
      for (var header : headers.entrySet()) {
        if (header.getKey().equalsIgnoreCase("Cookie")) {
          own = header.getKey();
        }
      }
      if (own == null) {
        headers.put("Cookie", cookie);
      } else {
        headers.put(own, headers.get(own) + "; " + cookie);
      }
    }
    return http.encode(step.method(), path, headers, body);
  }

}
