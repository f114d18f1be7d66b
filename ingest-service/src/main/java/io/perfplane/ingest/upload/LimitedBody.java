package io.perfplane.ingest.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

import io.perfplane.ingest.system.IngestProperties;
import org.jspecify.annotations.Nullable;

/**
 * Decompresses (if gzip) and bounds an upload body as it is read: at most {@code maxBodyBytes} decompressed bytes,
 * and, once past {@link IngestProperties.Limits#GZIP_RATIO_GRACE_BYTES}, at most {@code maxGzipRatio} decompressed
 * bytes per compressed byte, so a gzip bomb stops after a few MiB of work instead of filling the disk or the CPU.
 */
final class LimitedBody {

  private LimitedBody() {
  }

  /**
   * @param gzip whether the body is {@code Content-Encoding: gzip}
   * @throws IOException if a gzip body has no valid gzip header
   */
  static InputStream of(InputStream raw, boolean gzip, IngestProperties.Limits limits) throws IOException {
    if (!gzip) {
      return new Counting(raw, null, limits);
    }
    Counting compressed = new Counting(raw, null, null);
    return new Counting(new GZIPInputStream(compressed, 8192), compressed, limits);
  }

  /** Counts bytes read; with limits, enforces them against its own count and the compressed count beneath. */
  private static final class Counting extends FilterInputStream {

    private final @Nullable Counting compressed;
    private final IngestProperties.@Nullable Limits limits;
    private long count;

    Counting(InputStream in, @Nullable Counting compressed, IngestProperties.@Nullable Limits limits) {
      super(in);
      this.compressed = compressed;
      this.limits = limits;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        check();
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      check();
      return skipped;
    }

    private void check() throws UploadTooLargeException {
      IngestProperties.Limits limits = this.limits;
      if (limits == null) {
        return;
      }
      if (count > limits.maxBodyBytes().toBytes()) {
        throw new UploadTooLargeException("the body is larger than " + limits.maxBodyBytes().toBytes()
            + " bytes (perfplane.ingest.limits.max-body-bytes)");
      }
      Counting compressed = this.compressed;
      if (compressed != null && count > IngestProperties.Limits.GZIP_RATIO_GRACE_BYTES
          && count > (double) limits.maxGzipRatio() * Math.max(1, compressed.count)) {
        throw new UploadTooLargeException("the gzip body inflates more than " + limits.maxGzipRatio()
            + " times (perfplane.ingest.limits.max-gzip-ratio): refused as a possible gzip bomb");
      }
    }
  }
}
