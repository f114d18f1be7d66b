package io.perfplane.ingest.upload;

import org.jspecify.annotations.Nullable;

/** Kafka failed, or did not acknowledge every accepted sample in time; answered with 503 and Retry-After. */
final class SamplesNotAcknowledgedException extends RuntimeException {

  SamplesNotAcknowledgedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
