package io.perfplane.loadgen.timing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.perfplane.contracts.Measurement;
import io.perfplane.contracts.MeasurementKind;
import io.perfplane.loadgen.plan.TimingCapture;

/**
 * Turns one response's captured headers into {@code server_timing.<name>} measurements in µs (ADR 0007): the
 * {@code Server-Timing} entries with a {@code dur} (repeated names summed: two database calls are the request's
 * database time) and the configured duration headers (the first line of a repeated one counts). A configured header
 * and a {@code Server-Timing} entry of the same name: the configured header wins, being the one the definition named.
 * Entries without a duration, malformed ones and unparsable header values are skipped and counted
 * ({@link #skipped()}), never failing the request.
 *
 * <p>Use per response: {@link #accept} each captured header line in arrival order, then {@link #finish}. Not
 * thread-safe: one per virtual user, reused for every response, so the parse buffer and the measurement names are
 * allocated once; a response yields a new list only when it carried measurements (the sample leaves the user's
 * thread with it).
 */
public final class ResponseTimings {

  /** The header the W3C spec defines, lower case as the transport reports names. */
  public static final String SERVER_TIMING = "server-timing";
  private static final String PREFIX = "server_timing.";
  /** Distinct {@code Server-Timing} names whose full measurement name is kept; further ones are built per use. */
  private static final int NAME_CACHE = 32;

  private final TimingCapture capture;
  private final DurationHeader[] units;
  private final String[] headerNames;
  private final String[] cachedShort = new String[NAME_CACHE];
  private final String[] cachedFull = new String[NAME_CACHE];
  private int cached;
  private final ServerTimings timings = new ServerTimings();
  private final boolean[] seen;
  private final boolean[] present;
  private final double[] headerMicros;
  private final double[] sums;
  private final String[] names;
  private int skipped;
  private int lastSkipped;

  public ResponseTimings(TimingCapture capture) {
    this.capture = capture;
    int n = capture.headers().size();
    this.units = new DurationHeader[n];
    this.headerNames = new String[n];
    this.seen = new boolean[n];
    this.present = new boolean[n];
    this.headerMicros = new double[n];
    this.sums = new double[n + ServerTimings.MAX_ENTRIES];
    this.names = new String[n + ServerTimings.MAX_ENTRIES];
    for (int i = 0; i < n; i++) {
      units[i] = DurationHeader.unit(capture.headers().get(i).unit());
      headerNames[i] = PREFIX + capture.headers().get(i).name();
    }
  }

  /** The lower-case header names a transport must capture for {@code capture}, in a stable order. */
  public static List<String> headersOf(TimingCapture capture) {
    List<String> headers = new ArrayList<>();
    if (capture.serverTimingHeader()) {
      headers.add(SERVER_TIMING);
    }
    capture.headers().forEach(h -> headers.add(h.header()));
    return headers;
  }

  /** One response header line (name in lower case); lines of headers not captured are ignored. */
  public void accept(String lowerCaseName, String value) {
    if (lowerCaseName.equals(SERVER_TIMING)) {
      if (capture.serverTimingHeader()) {
        ServerTimingParser.parse(value, timings);
      }
      return;
    }
    for (int h = 0; h < headerNames.length; h++) {
      if (!seen[h] && lowerCaseName.equals(capture.headers().get(h).header())) {
        seen[h] = true; // the first line of a repeated header counts
        double micros = units[h].micros(value);
        if (Double.isNaN(micros)) {
          skipped++;
        } else {
          headerMicros[h] = micros;
          present[h] = true;
        }
        return;
      }
    }
  }

  /**
   * The measurements of the response whose headers were {@link #accept}ed since the last call;
   * {@link Collections#emptyList()} (a shared instance) when there are none. Sets {@link #skipped()} and resets for
   * the next response.
   */
  public List<Measurement> finish() {
    int count = 0;
    for (int h = 0; h < headerNames.length; h++) {
      if (present[h]) {
        names[count] = headerNames[h];
        sums[count++] = headerMicros[h];
      }
      present[h] = false;
      seen[h] = false;
    }
    int configured = count;
    lastSkipped = skipped + timings.withoutDuration() + timings.malformed();
    skipped = 0;
    for (int i = 0; i < timings.size(); i++) {
      String name = fullName(i);
      int at = indexOf(name, count);
      if (at >= 0 && at < configured) {
        continue; // the configured header of this name wins
      }
      if (at >= 0) {
        sums[at] += timings.durationMs(i) * 1_000;
      } else {
        names[count] = name;
        sums[count++] = timings.durationMs(i) * 1_000;
      }
    }
    timings.clear();
    if (count == 0) {
      return Collections.emptyList();
    }
    List<Measurement> result = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      result.add(new Measurement(names[i], sums[i], MeasurementKind.DURATION_US));
    }
    Arrays.fill(names, 0, count, null);
    return result;
  }

  /** Entries and header values skipped in the last {@link #finish}: without a duration, malformed, unparsable. */
  public int skipped() {
    return lastSkipped;
  }

  private int indexOf(String name, int count) {
    for (int i = 0; i < count; i++) {
      // Names come from the cache or the configured headers: identity usually answers.
      if (names[i] == name || names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code server_timing.<entry i's name>}, from the cache when the name was seen before. */
  private String fullName(int i) {
    for (int c = 0; c < cached; c++) {
      if (timings.nameEquals(i, cachedShort[c])) {
        return cachedFull[c];
      }
    }
    String name = timings.name(i);
    String full = PREFIX + name;
    if (cached < NAME_CACHE) {
      cachedShort[cached] = name;
      cachedFull[cached++] = full;
    }
    return full;
  }
}
