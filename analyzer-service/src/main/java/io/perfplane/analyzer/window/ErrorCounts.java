package io.perfplane.analyzer.window;

import java.nio.ByteBuffer;

/**
 * Failed requests of a set of requests (one second of a run, or a merge of seconds) by cause: HTTP status class or
 * transport/check failure. Kept for errors only, so successful requests cost nothing. Not thread-safe.
 */
public final class ErrorCounts {

  /** Why a request failed: the {@code RequestSample.errorKind}, with HTTP status failures split by class. */
  public enum Cause {
    HTTP_4XX("HTTP 4xx"),
    HTTP_5XX("HTTP 5xx"),
    HTTP_OTHER("HTTP other status"),
    CHECK_FAILED("check failed"),
    TIMEOUT("timeout"),
    CONNECT("connect"),
    IO("I/O"),
    OTHER("other");

    private final String label;

    Cause(String label) {
      this.label = label;
    }

    /** Human-readable name for reports. */
    public String label() {
      return label;
    }

    /**
     * The cause of a failed request.
     *
     * @param errorKind the sample's {@code ErrorKind} symbol ({@code HTTP_STATUS}, {@code TIMEOUT}, ...)
     * @param status HTTP status, 0 when there was no response
     */
    public static Cause of(String errorKind, int status) {
      return switch (errorKind) {
        case "HTTP_STATUS" -> status >= 400 && status < 500 ? HTTP_4XX
            : status >= 500 && status < 600 ? HTTP_5XX : HTTP_OTHER;
        case "CHECK_FAILED" -> CHECK_FAILED;
        case "TIMEOUT" -> TIMEOUT;
        case "CONNECT" -> CONNECT;
        case "IO" -> IO;
        default -> OTHER;
      };
    }
  }

  private static final byte FORMAT_VERSION = 1;
  private static final Cause[] CAUSES = Cause.values();

  private final long[] counts = new long[CAUSES.length];

  private ErrorCounts() {
  }

  public static ErrorCounts empty() {
    return new ErrorCounts();
  }

  public void add(Cause cause) {
    counts[cause.ordinal()]++;
  }

  public void merge(ErrorCounts other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  public long count(Cause cause) {
    return counts[cause.ordinal()];
  }

  public long total() {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    return total;
  }

  /** A version byte, the number of causes, then one count per cause in {@link Cause} order. */
  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(2 + counts.length * Long.BYTES);
    out.put(FORMAT_VERSION).put((byte) counts.length);
    for (long count : counts) {
      out.putLong(count);
    }
    return out.array();
  }

  /** Reads what {@link #encode()} wrote; counts of causes a newer release added are counted as {@code OTHER}. */
  public static ErrorCounts decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte version = in.get();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("unknown error counts format version " + version);
    }
    int stored = in.get() & 0xff;
    ErrorCounts counts = new ErrorCounts();
    for (int i = 0; i < stored; i++) {
      long count = in.getLong();
      counts.counts[i < CAUSES.length ? i : Cause.OTHER.ordinal()] += count;
    }
    return counts;
  }
}
