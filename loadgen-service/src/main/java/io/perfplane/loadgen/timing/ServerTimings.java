package io.perfplane.loadgen.timing;

import java.util.Arrays;

/**
 * A caller-owned, reusable buffer of {@code Server-Timing} entries that carried a duration: the name as a range of
 * the header value it came from (no String per entry until {@link #name} is asked) and the duration in
 * milliseconds, as the header states it. Also counts the entries {@link ServerTimingParser} skipped. Holds at most
 * {@link #MAX_ENTRIES} entries: a response cannot make a generator's buffer grow without bound; the rest are counted
 * as skipped. Not thread-safe: one per virtual user or connection, {@link #clear()}ed per response.
 */
final class ServerTimings {

  /** Entries kept per response; further ones are skipped and counted. */
  static final int MAX_ENTRIES = 64;

  private String[] sources = new String[4];
  private int[] nameStarts = new int[4];
  private int[] nameEnds = new int[4];
  private double[] durationsMs = new double[4];
  private int size;
  private int withoutDuration;
  private int malformed;

  /** Forgets the entries and counts, keeping the arrays; drops the references to the header values. */
  void clear() {
    Arrays.fill(sources, 0, size, null);
    size = 0;
    withoutDuration = 0;
    malformed = 0;
  }

  /** Entries with a duration, in header order (a name may repeat: the spec keeps every entry). */
  int size() {
    return size;
  }

  /** The name of entry {@code i} as a new String. */
  String name(int i) {
    check(i);
    return sources[i].substring(nameStarts[i], nameEnds[i]);
  }

  /** Whether entry {@code i} is named {@code name} (metric names are tokens, compared exactly), allocation-free. */
  boolean nameEquals(int i, String name) {
    check(i);
    int length = nameEnds[i] - nameStarts[i];
    return length == name.length() && sources[i].regionMatches(nameStarts[i], name, 0, length);
  }

  /** The duration of entry {@code i} in milliseconds, ≥ 0, as the header states it (fractions allowed). */
  double durationMs(int i) {
    check(i);
    return durationsMs[i];
  }

  /** Entries skipped because they had no {@code dur} param (legal: {@code missedCache}), since the last clear. */
  int withoutDuration() {
    return withoutDuration;
  }

  /**
   * Entries skipped because they were malformed (bad syntax, a {@code dur} that is not a non-negative decimal) or
   * past {@link #MAX_ENTRIES}, since the last clear.
   */
  int malformed() {
    return malformed;
  }

  void add(String source, int nameStart, int nameEnd, double durationMs) {
    if (size == MAX_ENTRIES) {
      malformed++;
      return;
    }
    if (size == sources.length) {
      int capacity = Math.min(MAX_ENTRIES, size * 2);
      sources = Arrays.copyOf(sources, capacity);
      nameStarts = Arrays.copyOf(nameStarts, capacity);
      nameEnds = Arrays.copyOf(nameEnds, capacity);
      durationsMs = Arrays.copyOf(durationsMs, capacity);
    }
    sources[size] = source;
    nameStarts[size] = nameStart;
    nameEnds[size] = nameEnd;
    durationsMs[size] = durationMs;
    size++;
  }

  void skippedWithoutDuration() {
    withoutDuration++;
  }

  void skippedMalformed() {
    malformed++;
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("server timing " + i + " of " + size);
    }
  }
}
