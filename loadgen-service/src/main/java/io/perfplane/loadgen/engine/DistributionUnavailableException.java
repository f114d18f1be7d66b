package io.perfplane.loadgen.engine;

/** A distributed run could not be handed to Kafka (shards or stop request not acknowledged): HTTP 503. */
public final class DistributionUnavailableException extends RuntimeException {

  DistributionUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
