package io.perfplane.loadgen.run;

/** A distributed run could not be handed to Kafka (shards or stop request not acknowledged): HTTP 503. */
final class DistributionUnavailableException extends RuntimeException {

  DistributionUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
