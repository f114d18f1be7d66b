package io.perfplane.ingest.system;

import java.time.Duration;

import io.perfplane.ingest.format.SampleRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code perfplane.ingest}.
 *
 * @param maxLineBytes longest NDJSON line accepted (bytes)
 * @param maxErrorsListed line errors listed in a 422 response
 * @param ackTimeout how long to wait for Kafka to acknowledge the accepted samples
 * @param retryAfter {@code Retry-After} sent with a 503 or 429
 * @param transactionTimeout {@code transaction.timeout.ms} of an upload's transaction: the longest an upload may
 *     stream before Kafka aborts it; at most the broker's {@code transaction.max.timeout.ms} (15 min by default)
 * @param maxConcurrentUploads uploads running at once (each has a transactional producer of its own); beyond, 429
 * @param limits bounds on what one upload may contain
 */
@ConfigurationProperties("perfplane.ingest")
public record IngestProperties(int maxLineBytes, int maxErrorsListed, Duration ackTimeout,
    Duration retryAfter, Duration transactionTimeout, int maxConcurrentUploads, Limits limits) {

  public IngestProperties {
    if (maxLineBytes < 1 || maxErrorsListed < 0) {
      throw new IllegalArgumentException("perfplane.ingest.max-line-bytes must be >= 1, max-errors-listed >= 0");
    }
    if (ackTimeout.isNegative() || ackTimeout.isZero() || retryAfter.isNegative()) {
      throw new IllegalArgumentException("perfplane.ingest.ack-timeout must be > 0 and retry-after >= 0");
    }
    if (transactionTimeout.toMillis() < 1000 || transactionTimeout.toMillis() > Integer.MAX_VALUE
        || maxConcurrentUploads < 1) {
      throw new IllegalArgumentException("perfplane.ingest.transaction-timeout must be >= 1s (and within the "
          + "broker's transaction.max.timeout.ms), max-concurrent-uploads >= 1");
    }
  }

  /**
   * Bounds on one upload, under {@code perfplane.ingest.limits}.
   *
   * @param maxAge oldest accepted sample start, relative to now
   * @param maxFuture latest accepted sample start, relative to now
   * @param maxDistinctEndpoints distinct endpoint labels per upload
   * @param maxBodyBytes largest (decompressed) body; the upload stops there with 413
   * @param maxGzipRatio largest decompressed/compressed ratio of a gzip body, checked once it has inflated past
   *     {@link #GZIP_RATIO_GRACE_BYTES}; beyond it the upload stops with 413 (gzip bomb)
   * @param maxSummaryBytes largest k6 summary JSON (it is parsed as one document)
   * @param maxDrainBytes most bytes of a body read and discarded after its answer was decided before the body was
   *     read (replay, 401, 409, 429, 413), so a streaming client receives the answer whole; past it the connection is
   *     closed after the answer
   */
  public record Limits(Duration maxAge, Duration maxFuture, int maxDistinctEndpoints, DataSize maxBodyBytes,
      int maxGzipRatio, DataSize maxSummaryBytes, DataSize maxDrainBytes) {

    /** Decompressed bytes after which the gzip ratio is enforced: tiny bodies compress arbitrarily well. */
    public static final long GZIP_RATIO_GRACE_BYTES = 1L << 20;

    public Limits {
      if (maxBodyBytes.toBytes() < 1 || maxGzipRatio < 1 || maxSummaryBytes.toBytes() < 1
          || maxSummaryBytes.toBytes() > Integer.MAX_VALUE || maxDrainBytes.toBytes() < 0) {
        throw new IllegalArgumentException("perfplane.ingest.limits: max-body-bytes and max-gzip-ratio must be >= 1, "
            + "max-summary-bytes 1..2 GiB, max-drain-bytes >= 0");
      }
      // Validates max-age, max-future, max-distinct-endpoints.
      new SampleRules.Limits(maxAge, maxFuture, maxDistinctEndpoints);
    }

    /** The per-sample part of the limits. */
    public SampleRules.Limits sampleLimits() {
      return new SampleRules.Limits(maxAge, maxFuture, maxDistinctEndpoints);
    }
  }
}
