package io.perfplane.loadgen.engine;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.perfplane.contracts.CheckOutcome;
import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.RequestSample;
import io.perfplane.loadgen.plan.Feeder;
import io.perfplane.loadgen.plan.ThinkTime;
import io.perfplane.loadgen.plan.ValidPlan;
import io.perfplane.loadgen.plan.ValidPlan.Scenario;
import io.perfplane.loadgen.plan.ValidPlan.Step;
import io.perfplane.loadgen.timing.ResponseTimings;
import org.jspecify.annotations.Nullable;

/**
 * Runs scenario iterations: renders each step's request from its templates, the iteration's feeder row and the
 * virtual user's extracted variables, adds the user's cookies, sends it, evaluates its checks and extractions, keeps
 * the cookies it sets and records one {@link RequestSample} per request. A step that needs an extracted variable
 * the user does not have is skipped and counted. Shared by the closed and the open model; the only difference is the
 * first step's intended start (see {@link Script#iterate}) and how long a {@link VuSession} lives.
 */
final class Iterations {

  /** Response bodies kept for checks are cut at this size (bytes); beyond it only the count continues. */
  static final int MAX_CHECKED_BODY = 1 << 20;
  /** Sentinel: the iteration has no schedule, its first request is intended when it is sent (closed model). */
  static final long UNSCHEDULED = Long.MIN_VALUE;

  /**
   * Pause (ms) after an iteration that sent nothing because every step it drew was skipped for a missing variable,
   * so that such a user does not spin.
   */
  static final long IDLE_ITERATION_PAUSE_MS = 100;

  private static final String SOURCE = "perfplane";
  static final String SET_COOKIE = "set-cookie";

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
      RunCounters counters, LiveStats stats, LoadgenMetrics metrics, java.time.Clock clock) {
    this.clock = clock;
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
    java.net.URI base = java.net.URI.create(plan.targetBaseUrl());
    String rawPath = base.getRawPath();
    this.basePath = rawPath == null ? "" : rawPath;
    this.secure = "https".equalsIgnoreCase(base.getScheme());
    this.host = base.getHost().toLowerCase(java.util.Locale.ROOT);
    this.port = base.getPort() > 0 ? base.getPort() : secure ? 443 : 80;
    this.timingHeaders = ResponseTimings.headersOf(plan.timings());
  }

  /** Lower-case names of the headers carrying server timings, captured on every response; empty for none. */
  private final List<String> timingHeaders;

  private final java.time.Clock clock;
  private final String host;
  private final int port;
  private final boolean secure;

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
    private final List<PreparedStep> onStart;
    private final AtomicLong feederCursor = new AtomicLong();

    private Script(Scenario scenario) {
      this.scenario = scenario;
      this.steps = scenario.steps().stream().map(this::prepare).toList();
      this.onStart = scenario.onStart().stream().map(this::prepare).toList();
    }

    private PreparedStep prepare(Step step) {
      return new PreparedStep(step, scenario.cookies(), basePath, http, timingHeaders);
    }

    /** Steps skipped so far for a missing variable, onStart steps first, only those skipped at least once. */
    List<RunStatus.SkippedStep> skipped() {
      List<RunStatus.SkippedStep> result = new java.util.ArrayList<>();
      for (int i = 0; i < onStart.size(); i++) {
        onStart.get(i).addSkipped(result, scenario.name(), "onStart[" + i + "]");
      }
      for (int i = 0; i < steps.size(); i++) {
        steps.get(i).addSkipped(result, scenario.name(), "steps[" + i + "]");
      }
      return result;
    }

    Scenario scenario() {
      return scenario;
    }

    /**
     * Runs one iteration: the onStart steps first while {@code user} has not completed them, then every step in
     * order (a probabilistic step only when its draw says so, one needing an unset variable skipped), each sent step
     * followed by its think time.
     *
     * @param intendedStartNanos when the schedule intended the iteration to start ({@link EpochMicros#nanoTime()}
     *     scale), or {@link #UNSCHEDULED}; the first request's latency is measured from it, so a late start (the
     *     generator or the target fell behind) shows up as latency instead of vanishing (coordinated omission)
     * @return false when {@code pause} asked to stop
     */
    boolean iterate(VuSession user, long iteration, long intendedStartNanos, Pause pause)
        throws InterruptedException {
      Run run = new Run(user, iteration, row(), intendedStartNanos, pause);
      if (!onStart.isEmpty() && !user.started()) {
        boolean ok = true;
        for (PreparedStep step : onStart) {
          Outcome outcome = run.step(step);
          if (outcome == Outcome.STOP) {
            return false;
          }
          ok &= outcome != Outcome.FAILED && outcome != Outcome.SKIPPED;
        }
        user.started(ok); // a failed onStart (say, a refused login) is tried again at the next iteration
      }
      for (PreparedStep step : steps) {
        if (run.step(step) == Outcome.STOP) {
          return false;
        }
      }
      return !(run.sent == 0 && run.skipped > 0 && pause.stopAfter(IDLE_ITERATION_PAUSE_MS));
    }

    /**
     * One iteration in progress: what it needs to run a step, and what it did so far. It is also the iteration's
     * variable lookup (built-ins, then extracted variables, then the feeder row): one object per iteration, as the
     * lookup lambda alone was before.
     */
    private final class Run implements Function<String, String> {

      private final VuSession user;
      private final long iteration;
      private final Map<String, String> row;
      private final Pause pause;
      private long intended;
      int sent;
      int skipped;

      Run(VuSession user, long iteration, Map<String, String> row, long intendedStartNanos, Pause pause) {
        this.user = user;
        this.iteration = iteration;
        this.row = row;
        this.intended = intendedStartNanos;
        this.pause = pause;
      }

      @Override
      public String apply(String name) {
        return switch (name) {
          case "vu" -> Integer.toString(user.vu());
          case "iteration" -> Long.toString(iteration);
          default -> {
            String extracted = user.variable(name);
            yield extracted != null ? extracted : row.getOrDefault(name, "");
          }
        };
      }

      /** Draws, skips or sends {@code step}, then thinks. */
      Outcome step(PreparedStep step) throws InterruptedException {
        if (step.step.probability() < 1 && ThreadLocalRandom.current().nextDouble() >= step.step.probability()) {
          return Outcome.NOT_DRAWN;
        }
        if (step.requires) { // checked first: iterating an empty set still allocates an iterator
          for (String name : step.step.requires()) {
            if (user.variable(name) == null) {
              step.skipped.increment();
              skipped++;
              return Outcome.SKIPPED;
            }
          }
        }
        boolean ok = exchange(step, user, this, intended);
        sent++;
        intended = UNSCHEDULED; // later steps follow their predecessor's response: nothing to correct
        ThinkTime think = step.step.thinkTime() != null ? step.step.thinkTime() : scenario.thinkTime();
        if (pause.stopAfter(think.sampleMs(ThreadLocalRandom.current()))) {
          return Outcome.STOP;
        }
        return ok ? Outcome.OK : Outcome.FAILED;
      }
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

    /** Sends one request and records its sample; answers whether it succeeded (error kind NONE). */
    private boolean exchange(PreparedStep prepared, VuSession user, Function<String, String> values,
        long intendedStartNanos) throws InterruptedException {
      Step step = prepared.step;
      int status = 0;
      long bytesIn = 0;
      long bytesOut = 0;
      @Nullable String failedCheck = null;
      ErrorKind kind;
      long firstByte = 0;
      String protocol = null;
      boolean extracted = false;
      List<Measurement> measurements = Collections.emptyList();
      List<CheckOutcome> outcomes = Collections.emptyList();
      long start = timebase.nanoTime();
      try {
        CookieJar jar = prepared.cookies ? user.cookies() : null;
        String cookiePath = jar == null ? null : prepared.cookiePath(values);
        String cookie = jar == null ? null : jar.header(cookiePath);
        byte[] request = cookie == null ? prepared.request(values) : prepared.build(values, cookie);
        bytesOut = prepared.bytesOut(values);
        HttpTransport.Response response = http.exchange(request, step.method().equals("HEAD"),
            start + timeoutNanos, prepared.needsBody ? MAX_CHECKED_BODY : 0, prepared.capture, ticker);
        firstByte = response.firstByteNanos();
        protocol = response.protocol();
        status = response.status();
        bytesIn = response.bodyBytes();
        if (!response.headers().isEmpty()) {
          keepCookies(prepared, user, values, cookiePath, response);
          if (prepared.timings) {
            measurements = timings(user, response);
          }
        }
        ResponseChecks.Body body = prepared.needsBody ? new ResponseChecks.Body(response.body()) : null;
        failedCheck = ResponseChecks.failedCheck(step.checks(), status, body);
        outcomes = failedCheck == null ? prepared.allPassed : ResponseChecks.outcomes(step.checks(), status, body);
        String failedExtraction = prepared.extracts
            ? ResponseChecks.extract(step.extractions(), response, body, user) : null;
        extracted = true;
        if (failedCheck == null) {
          failedCheck = failedExtraction;
        }
        kind = failedCheck != null ? ErrorKind.CHECK_FAILED
            : prepared.statusCheck != null ? ErrorKind.NONE : response.statusKind();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        kind = http.failureKind(e);
      }
      if (!extracted) {
        // No response: what the step would have extracted is gone, so the steps needing it are skipped.
        step.extractions().forEach(x -> user.unset(x.name()));
      }
      long end = timebase.nanoTime();
      long intended = intendedStartNanos == UNSCHEDULED ? start : Math.min(intendedStartNanos, start);
      long latencyUs = (end - intended) / 1_000;
      Map<String, String> tags = prepared.tags(protocol, failedCheck);
      // The all-arguments constructor, not the builder: Avro builders validate and deep-copy defaults per call,
      // which showed up in the throughput benchmark. Argument order is the schema's field order.
      RequestSample sample = new RequestSample(plan.runId(), generatorId, scenario.name(), step.endpoint(),
          step.method(), status, kind, timebase.epochUs(intended), timebase.epochUs(start), latencyUs,
          (end - start) / 1_000, firstByte == 0 ? null : (firstByte - start) / 1_000, bytesIn, bytesOut, tags,
          SOURCE, measurements, outcomes); // empty ones are Collections.emptyList(), whose iterator is a shared
      // singleton (List.of()'s allocates one per call): the encoder iterates both, on every sample.
      boolean error = kind != ErrorKind.NONE;
      counters.request(error);
      metrics.request(kind);
      stats.record(step.endpoint(), latencyUs, error);
      samples.offer(sample, counters);
      return !error;
    }

    /** The response's server timings as measurements; skipped entries are counted on the run and the metric. */
    private List<Measurement> timings(VuSession user, HttpTransport.Response response) {
      ResponseTimings reader = user.timings(plan.timings());
      List<HttpTransport.Header> headers = response.headers();
      for (int i = 0; i < headers.size(); i++) {
        HttpTransport.Header header = headers.get(i);
        reader.accept(header.name(), header.value());
      }
      List<Measurement> measurements = reader.finish();
      if (reader.skipped() > 0) {
        counters.serverTimingsSkipped(reader.skipped());
        metrics.serverTimingsSkipped(reader.skipped());
      }
      return measurements;
    }

    private void keepCookies(PreparedStep prepared, VuSession user, Function<String, String> values,
        @Nullable String cookiePath, HttpTransport.Response response) {
      if (!prepared.cookies) {
        return;
      }
      List<String> setCookie = null;
      for (HttpTransport.Header header : response.headers()) {
        if (header.name().equals(SET_COOKIE)) {
          if (setCookie == null) {
            setCookie = new java.util.ArrayList<>(2);
          }
          setCookie.add(header.value());
        }
      }
      if (setCookie == null) {
        return;
      }
      CookieJar jar = user.cookies();
      if (jar == null) {
        jar = new CookieJar(host, port, secure, clock);
        user.cookies(jar);
      }
      jar.receive(setCookie, cookiePath != null ? cookiePath : prepared.cookiePath(values));
    }
  }

  /** What a step does with its turn. */
  private enum Outcome {
    /** Its probability draw said no. */
    NOT_DRAWN,
    /** It needs a variable the user does not have. */
    SKIPPED,
    OK,
    FAILED,
    /** The pause after it asked the iteration to stop. */
    STOP
  }

  /** {@code /prefix/items?x=1} → {@code /prefix/items}. */
  static String cookiePathOf(String pathAndQuery) {
    int query = pathAndQuery.indexOf('?');
    return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
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
