package io.perfplane.loadgen.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.loadgen.plan.Check;
import io.perfplane.loadgen.plan.Feeder;
import io.perfplane.loadgen.plan.Template;
import io.perfplane.loadgen.plan.ThinkTime;
import io.perfplane.loadgen.plan.ValidPlan;
import io.perfplane.loadgen.plan.ValidPlan.Scenario;
import io.perfplane.loadgen.plan.ValidPlan.Step;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs scenario iterations: renders each step's request from its templates and the iteration's feeder row, sends
 * it, evaluates its checks and records one {@link RequestSample} per request. Shared by the closed and the open
 * model; the only difference is the first step's intended start (see {@link #iterate}).
 */
final class Iterations {

  /** Response bodies kept for checks are cut at this size (bytes); beyond it only the count continues. */
  static final int MAX_CHECKED_BODY = 1 << 20;
  /** Sentinel: the iteration has no schedule, its first request is intended when it is sent (closed model). */
  static final long UNSCHEDULED = Long.MIN_VALUE;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SOURCE = "perfplane";

  /** Lets an iteration pause between steps; answers whether the iteration must stop instead. */
  @FunctionalInterface
  interface Pause {
    boolean stopAfter(long thinkMs) throws InterruptedException;
  }

  private final ValidPlan plan;
  private final String generatorId;
  private final EpochMicros timebase;
  private final HttpTransport http;
  private final SamplePublisher samples;
  private final RunCounters counters;
  private final LiveStats stats;
  private final LoadgenMetrics metrics;

  Iterations(ValidPlan plan, String generatorId, EpochMicros timebase, HttpTransport http, SamplePublisher samples,
      RunCounters counters, LiveStats stats, LoadgenMetrics metrics) {
    this.plan = plan;
    this.generatorId = generatorId;
    this.timebase = timebase;
    this.http = http;
    this.samples = samples;
    this.counters = counters;
    this.stats = stats;
    this.metrics = metrics;
    this.timeoutNanos = plan.requestTimeout().toNanos();
    this.ticker = timebase::nanoTime;
    String rawPath = java.net.URI.create(plan.targetBaseUrl()).getRawPath();
    this.basePath = rawPath == null ? "" : rawPath;
  }

  private final long timeoutNanos;
  /** Bound once: a method reference per request is an allocation per request. */
  private final java.util.function.LongSupplier ticker;
  /** Path of the base URL ("" or "/prefix"), prepended to every step path. */
  private final String basePath;

  Script script(Scenario scenario) {
    return new Script(scenario);
  }

  /** A scenario ready to iterate: constant requests are built once. */
  final class Script {

    private final Scenario scenario;
    private final List<PreparedStep> steps;
    private final AtomicLong feederCursor = new AtomicLong();

    private Script(Scenario scenario) {
      this.scenario = scenario;
      this.steps = scenario.steps().stream().map(PreparedStep::new).toList();
    }

    Scenario scenario() {
      return scenario;
    }

    /**
     * Runs one iteration: every step in order (a probabilistic step only when its draw says so), each followed by
     * its think time.
     *
     * @param intendedStartNanos when the schedule intended the iteration to start ({@link EpochMicros#nanoTime()}
     *     scale), or {@link #UNSCHEDULED}; the first request's latency is measured from it, so a late start (the
     *     generator or the target fell behind) shows up as latency instead of vanishing (coordinated omission)
     * @return false when {@code pause} asked to stop
     */
    boolean iterate(int vu, long iteration, long intendedStartNanos, Pause pause) throws InterruptedException {
      Map<String, String> row = row();
      Function<String, String> values = name -> switch (name) {
        case "vu" -> Integer.toString(vu);
        case "iteration" -> Long.toString(iteration);
        default -> row.getOrDefault(name, "");
      };
      long intended = intendedStartNanos;
      for (PreparedStep step : steps) {
        if (step.step.probability() < 1 && ThreadLocalRandom.current().nextDouble() >= step.step.probability()) {
          continue;
        }
        exchange(step, values, intended);
        intended = UNSCHEDULED; // later steps follow their predecessor's response: nothing to correct
        ThinkTime think = step.step.thinkTime() != null ? step.step.thinkTime() : scenario.thinkTime();
        if (pause.stopAfter(think.sampleMs(ThreadLocalRandom.current()))) {
          return false;
        }
      }
      return true;
    }

    private Map<String, String> row() {
      Feeder feeder = scenario.feeder();
      if (feeder == null) {
        return Map.of();
      }
      int size = feeder.rows().size();
      int index = feeder.strategy() == Feeder.Strategy.RANDOM ? ThreadLocalRandom.current().nextInt(size)
          : (int) Math.floorMod(feederCursor.getAndIncrement(), (long) size);
      return feeder.rows().get(index);
    }

    private void exchange(PreparedStep prepared, Function<String, String> values, long intendedStartNanos)
        throws InterruptedException {
      Step step = prepared.step;
      int status = 0;
      long bytesIn = 0;
      long bytesOut = 0;
      @Nullable String failedCheck = null;
      ErrorKind kind;
      long firstByte = 0;
      long start = timebase.nanoTime();
      try {
        byte[] request = prepared.request(values);
        bytesOut = prepared.bytesOut(values);
        HttpTransport.Response response = http.exchange(request, step.method().equals("HEAD"),
            start + timeoutNanos, prepared.needsBody ? MAX_CHECKED_BODY : 0, ticker);
        firstByte = response.firstByteNanos();
        status = response.status();
        bytesIn = response.bodyBytes();
        failedCheck = prepared.failedCheck(status, response.body());
        kind = failedCheck != null ? ErrorKind.CHECK_FAILED
            : prepared.statusCheck != null ? ErrorKind.NONE : response.statusKind();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        kind = http.failureKind(e);
      }
      long end = timebase.nanoTime();
      long intended = intendedStartNanos == UNSCHEDULED ? start : Math.min(intendedStartNanos, start);
      long latencyUs = (end - intended) / 1_000;
      Map<String, String> tags = tags(step.group(), failedCheck);
      // The all-arguments constructor, not the builder: Avro builders validate and deep-copy defaults per call,
      // which showed up in the throughput benchmark. Argument order is the schema's field order.
      RequestSample sample = new RequestSample(plan.runId(), generatorId, scenario.name(), step.endpoint(),
          step.method(), status, kind, timebase.epochUs(intended), timebase.epochUs(start), latencyUs,
          (end - start) / 1_000, firstByte == 0 ? null : (firstByte - start) / 1_000, bytesIn, bytesOut, tags,
          SOURCE);
      boolean error = kind != ErrorKind.NONE;
      counters.request(error);
      metrics.request(kind);
      stats.record(step.endpoint(), latencyUs, error);
      samples.offer(sample, counters);
    }
  }

  private static Map<String, String> tags(@Nullable String group, @Nullable String failedCheck) {
    if (group == null && failedCheck == null) {
      return Map.of();
    }
    Map<String, String> tags = new HashMap<>(4);
    if (group != null) {
      tags.put("group", group);
    }
    if (failedCheck != null) {
      tags.put("check", failedCheck);
    }
    return tags;
  }

  /** A step with what can be computed once. */
  private final class PreparedStep {

    final Step step;
    final boolean needsBody;
    final Check.@Nullable Status statusCheck;
    private final byte @Nullable [] constant;
    private final long constantBytesOut;

    PreparedStep(Step step) {
      this.step = step;
      this.needsBody = step.checks().stream().anyMatch(Check::needsBody);
      this.statusCheck = step.checks().stream().filter(Check.Status.class::isInstance).map(Check.Status.class::cast)
          .findFirst().orElse(null);
      boolean constantTemplates = step.path().isConstant() && step.body().isConstant()
          && step.headers().values().stream().allMatch(Template::isConstant);
      this.constant = constantTemplates ? build(name -> "") : null;
      // The rendered body, not its text: a literal "$${" is sent as "${".
      this.constantBytesOut = step.body().isConstant()
          ? step.body().render(name -> "", value -> value).getBytes(StandardCharsets.UTF_8).length : 0;
    }

    byte[] request(Function<String, String> values) {
      return constant != null ? constant : build(values);
    }

    long bytesOut(Function<String, String> values) {
      return constant != null || step.body().isConstant() ? constantBytesOut
          : step.body().render(values, v -> v).getBytes(StandardCharsets.UTF_8).length;
    }

    private byte[] build(Function<String, String> values) {
      // The base URL's own path prefixes every step path; variables are percent-encoded into their segment.
      String path = basePath + step.path().render(values, Iterations::encodePathValue);
      byte[] body = step.body().render(values, v -> v).getBytes(StandardCharsets.UTF_8);
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      step.headers().forEach((name, value) -> headers.put(name, value.render(values, v -> v)));
      return http.encode(step.method(), path, headers, body);
    }

    /** The description of the first failing check, or null when all pass. */
    @Nullable String failedCheck(int status, byte @Nullable [] body) {
      JsonNode json = null;
      for (Check check : step.checks()) {
        boolean ok = switch (check) {
          case Check.Status s -> s.statuses().contains(status);
          case Check.BodyContains c -> body != null && new String(body, StandardCharsets.UTF_8).contains(c.text());
          case Check.JsonPath p -> {
            if (json == null) {
              json = parse(body);
            }
            JsonNode value = json.at(p.pointer());
            yield !value.isMissingNode() && !value.isNull()
                && (p.equals() == null || p.equals().equals(value.isValueNode() ? value.asString() : value.toString()));
          }
        };
        if (!ok) {
          return check.describe();
        }
      }
      return null;
    }
  }

  private static JsonNode parse(byte @Nullable [] body) {
    if (body == null) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      return JSON.missingNode();
    }
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters, so a value can never leave its path segment. */
  static String encodePathValue(String value) {
    StringBuilder out = null;
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean unreserved = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || b == '-' || b == '.' || b == '_' || b == '~';
      if (out == null && !unreserved) {
        out = new StringBuilder(bytes.length * 3);
        out.append(value, 0, i); // bytes before i are unreserved ASCII: one char each
      }
      if (out != null) {
        if (unreserved) {
          out.append((char) b);
        } else {
          out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
      }
    }
    return out == null ? value : out.toString();
  }
}
