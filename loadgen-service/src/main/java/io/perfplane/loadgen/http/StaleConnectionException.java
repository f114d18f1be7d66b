package io.perfplane.loadgen.http;

import java.io.IOException;

/** A reused connection failed before any response byte: the server closed it while idle, so resending is safe. */
final class StaleConnectionException extends IOException {

  StaleConnectionException() {
    super("stale keep-alive connection");
  }
}
