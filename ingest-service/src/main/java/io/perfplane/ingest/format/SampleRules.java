package io.perfplane.ingest.format;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks every sample passes whatever its format, for one upload (it remembers the upload's endpoint labels):
 * <ul>
 *   <li>its start lies within [2000-01-01, {@code now + maxFuture}] (one day by default): earlier or later stamps
 *       are almost always a unit or clock mistake (seconds or milliseconds read as microseconds). Results of any age
 *       are valid, last year's baseline included; {@code maxAge}, when set, narrows the range to
 *       [{@code now - maxAge}, ...];</li>
 *   <li>no label (endpoint, method, scenario, tag key or value) starts with {@code = + - @}, a tab or a carriage
 *       return, or holds a control character: such labels turn into formulas when a report is opened in a
 *       spreadsheet (CSV injection) and are never legitimate endpoint names; measurement and check names are
 *       labels too;</li>
 *   <li>a measurement name or a check name appears at most once per sample (the {@code RequestSample} contract),
 *       and a sample has at most {@value #MAX_NAMED_PER_SAMPLE} measurements and as many checks;</li>
 *   <li>the upload names at most {@code maxDistinctEndpoints} endpoints: more almost always means raw URLs with ids
 *       as labels, which would flood every per-endpoint view downstream. Samples of an already seen endpoint are
 *       still accepted after the limit is reached.</li>
 * </ul>
 * Not thread-safe: one instance per upload.
 */
public final class SampleRules {

  /** Earliest accepted start: 2000-01-01T00:00:00Z. A stamp before it is a unit mistake, not an old result. */
  public static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");
  /** Measurements (and, apart, checks) one sample may carry: more is a flood of names, not a request. */
  public static final int MAX_NAMED_PER_SAMPLE = 64;
  private static final long EARLIEST_START_US = ChronoUnit.MICROS.between(Instant.EPOCH, EARLIEST_START);

  /**
   * @param maxAge oldest accepted start, relative to now; {@link Duration#ZERO} (the default) for no age limit
   * @param maxFuture latest accepted start, relative to now (clock skew allowance)
   * @param maxDistinctEndpoints distinct endpoint labels accepted per upload ({@code >= 1})
   */
  public record Limits(Duration maxAge, Duration maxFuture, int maxDistinctEndpoints) {

    public Limits {
      if (maxAge.isNegative() || maxFuture.isNegative() || maxDistinctEndpoints < 1) {
        throw new IllegalArgumentException("max-age and max-future must be >= 0, max-distinct-endpoints >= 1");
      }
    }
  }

  private final Limits limits;
  private final long minStartUs;
  private final long maxStartUs;
  private final Set<String> endpoints = new HashSet<>();

  public SampleRules(Limits limits, Clock clock) {
    this.limits = limits;
    Instant now = clock.instant();
    this.minStartUs = limits.maxAge().isZero() ? EARLIEST_START_US
        : Math.max(EARLIEST_START_US, ChronoUnit.MICROS.between(Instant.EPOCH, now.minus(limits.maxAge())));
    this.maxStartUs = ChronoUnit.MICROS.between(Instant.EPOCH, now.plus(limits.maxFuture()));
  }

  /** The reasons to reject {@code sample}; empty if it is accepted (and its endpoint is then remembered). */
  public List<LineError> check(long line, NativeSample sample) {
    List<LineError> errors = new ArrayList<>();
    if (sample.startUs() < EARLIEST_START_US) {
      errors.add(new LineError(line, "start", "is before 2000-01-01: a timestamp in seconds or milliseconds "
          + "where microseconds (or the format's own unit) were expected?"));
    } else if (sample.startUs() < minStartUs) {
      errors.add(new LineError(line, "start", "is more than " + limits.maxAge().toDays()
          + " days in the past (perfplane.ingest.limits.max-age is set); wrong unit or clock?"));
    } else if (sample.startUs() > maxStartUs) {
      errors.add(new LineError(line, "start", "is more than " + describe(limits.maxFuture())
          + " in the future (perfplane.ingest.limits.max-future); wrong unit or clock?"));
    }
    if (sample.latencyUs() < 0) {
      errors.add(new LineError(line, "latency", "must be >= 0"));
    }
    label(line, "endpoint", sample.endpoint(), errors);
    label(line, "method", sample.method(), errors);
    label(line, "scenario", sample.scenario(), errors);
    for (Map.Entry<String, String> tag : sample.tags().entrySet()) {
      label(line, "tags", tag.getKey(), errors);
      label(line, "tags." + tag.getKey(), tag.getValue(), errors);
    }
    Set<String> names = new HashSet<>();
    for (Measurement measurement : sample.measurements()) {
      named(line, "measurements", measurement.name(), names, errors);
    }
    names.clear();
    for (CheckCount check : sample.checks()) {
      named(line, "checks", check.name(), names, errors);
    }
    if (sample.measurements().size() > MAX_NAMED_PER_SAMPLE || sample.checks().size() > MAX_NAMED_PER_SAMPLE) {
      errors.add(new LineError(line, sample.checks().size() > MAX_NAMED_PER_SAMPLE ? "checks" : "measurements",
          "must have at most " + MAX_NAMED_PER_SAMPLE + " entries per sample"));
    }
    if (errors.isEmpty() && !endpoints.contains(sample.endpoint())) {
      if (endpoints.size() >= limits.maxDistinctEndpoints()) {
        errors.add(new LineError(line, "endpoint", "is a new endpoint label beyond the limit of "
            + limits.maxDistinctEndpoints() + " per upload (perfplane.ingest.max-distinct-endpoints); "
            + "are ids or query strings part of the labels?"));
      } else {
        endpoints.add(sample.endpoint());
      }
    }
    return errors;
  }

  private static void named(long line, String field, String name, Set<String> seen, List<LineError> errors) {
    if (name.isBlank()) {
      errors.add(new LineError(line, field, "a name must not be blank"));
    } else if (!seen.add(name)) {
      errors.add(new LineError(line, field, "names " + name + " twice (at most once per sample)"));
    } else {
      label(line, field + "." + name, name, errors);
    }
  }

  private static String describe(Duration duration) {
    return duration.toMinutes() % (24 * 60) == 0 && duration.toDays() > 0 ? duration.toDays() + " day(s)"
        : duration.toMinutes() + " minutes";
  }

  /** Distinct endpoint labels accepted so far. */
  public int distinctEndpoints() {
    return endpoints.size();
  }

  static void label(long line, String field, String value, List<LineError> errors) {
    if (value.isEmpty()) {
      return;
    }
    char first = value.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      errors.add(new LineError(line, field, "must not start with '" + printable(first)
          + "' (spreadsheet formula injection)"));
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        errors.add(new LineError(line, field, "must not contain control character " + printable(c)));
        return;
      }
    }
  }

  private static String printable(char c) {
    return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
