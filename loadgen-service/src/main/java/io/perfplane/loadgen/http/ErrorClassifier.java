package io.perfplane.loadgen.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

import javax.net.ssl.SSLHandshakeException;

import io.perfplane.contracts.ErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * Maps a failed HTTP exchange (no response) to the {@link ErrorKind} a {@code RequestSample} carries; a response's
 * status has its kind from {@code HttpTransport.Response#statusKind}.
 */
final class ErrorClassifier {

  private ErrorClassifier() {
  }

  /** The kind of a failed exchange (no response). Looks through the cause chain: the JDK client wraps freely. */
  static ErrorKind ofFailure(Throwable failure) {
    // Connect timeouts are connection failures, not slow responses: test them before the general timeout. A failed
    // TLS handshake (untrusted certificate, refused client certificate) is one too: no request was sent.
    if (find(failure, HttpConnectTimeoutException.class) != null || find(failure, ConnectException.class) != null
        || find(failure, SSLHandshakeException.class) != null
        || find(failure, UnknownHostException.class) != null || find(failure, NoRouteToHostException.class) != null
        || find(failure, UnresolvedAddressException.class) != null) {
      return ErrorKind.CONNECT;
    }
    if (find(failure, HttpTimeoutException.class) != null) {
      return ErrorKind.TIMEOUT;
    }
    if (failure instanceof IOException) {
      return ErrorKind.IO;
    }
    return ErrorKind.OTHER;
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (type.isInstance(current)) {
        return type.cast(current);
      }
      current = current.getCause();
    }
    return null;
  }
}
