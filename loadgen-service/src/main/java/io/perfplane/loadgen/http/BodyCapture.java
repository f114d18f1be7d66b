package io.perfplane.loadgen.http;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/** Keeps the first {@code keep} bytes of a response body for checks; the rest is only counted. */
final class BodyCapture {

  /** Keeps nothing: shared, as it has no state. */
  static final BodyCapture COUNT_ONLY = new BodyCapture(0);

  private final int keep;
  private byte @Nullable [] kept;
  private int keptLength;

  BodyCapture(int keep) {
    this.keep = keep;
  }

  void add(byte[] source, int offset, int length) {
    if (keep > keptLength) {
      int take = Math.min(length, keep - keptLength);
      if (kept == null) {
        kept = new byte[Math.min(keep, Math.max(take, 8 * 1024))];
      } else if (keptLength + take > kept.length) {
        kept = Arrays.copyOf(kept, Math.min(keep, Math.max(kept.length * 2, keptLength + take)));
      }
      System.arraycopy(source, offset, kept, keptLength, take);
      keptLength += take;
    }
  }

  byte @Nullable [] bytes() {
    return keep == 0 ? null : kept == null ? new byte[0] : Arrays.copyOf(kept, keptLength);
  }
}
