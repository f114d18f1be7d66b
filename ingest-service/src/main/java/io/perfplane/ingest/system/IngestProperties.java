package io.perfplane.ingest.system;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code perfplane.ingest}.
 *
 * @param tokens bearer tokens accepted on {@code /ingest/**} ({@code PERFPLANE_INGEST_TOKENS}, comma-separated;
 *     at least one); secrets: never logged, and left out of {@link #toString()}
 * @param maxLineBytes longest NDJSON line accepted (bytes)
 * @param maxErrorsListed line errors listed in a 422 response
 * @param ackTimeout how long to wait for Kafka to acknowledge the accepted samples
 * @param retryAfter {@code Retry-After} sent with a 503
 */
@ConfigurationProperties("perfplane.ingest")
public record IngestProperties(List<String> tokens, int maxLineBytes, int maxErrorsListed, Duration ackTimeout,
    Duration retryAfter) {

  public IngestProperties {
    tokens = Objects.requireNonNullElse(tokens, List.<String>of()).stream()
        .map(String::strip)
        .filter(token -> !token.isEmpty())
        .toList();
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException(
          "perfplane.ingest.tokens (env PERFPLANE_INGEST_TOKENS, comma-separated) must list at least one token");
    }
    if (maxLineBytes < 1 || maxErrorsListed < 0) {
      throw new IllegalArgumentException("perfplane.ingest.max-line-bytes must be >= 1, max-errors-listed >= 0");
    }
    if (ackTimeout.isNegative() || ackTimeout.isZero() || retryAfter.isNegative()) {
      throw new IllegalArgumentException("perfplane.ingest.ack-timeout must be > 0 and retry-after >= 0");
    }
  }

  @Override
  public String toString() {
    return "IngestProperties[tokens=<" + tokens.size() + " redacted>, maxLineBytes=" + maxLineBytes
        + ", maxErrorsListed=" + maxErrorsListed + ", ackTimeout=" + ackTimeout + ", retryAfter=" + retryAfter + "]";
  }
}
