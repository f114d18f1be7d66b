package io.perfplane.loadgen.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.loadgen.plan.HttpSettings;
import org.jspecify.annotations.Nullable;

/**
 * The engine's only way to the target: pre-encoded HTTP requests out, counted responses back. A port, so the engine
 * knows nothing of sockets; the HTTP/1.1 and HTTP/2 implementations live in {@code io.perfplane.loadgen.http}. One transport
 * per run: its connections die with the run. Implementations are thread-safe; each exchange is blocking and runs
 * on the calling (virtual) thread.
 */
public interface HttpTransport extends AutoCloseable {

  /** Opens the transport of one run. */
  @FunctionalInterface
  interface Factory {

    /**
     * @param baseUrl the target ({@code http[s]://host[:port][/prefix]}); the engine prepends the prefix itself
     * @param connectTimeout longest a connection attempt may take
     */
    HttpTransport open(String baseUrl, Duration connectTimeout);

    /**
     * Opens the transport of a run with the definition's {@code http:} settings; a factory that has only one kind
     * of transport ignores them.
     *
     * @throws IllegalArgumentException if the settings cannot be applied (an unreadable client certificate)
     */
    default HttpTransport open(String baseUrl, Duration connectTimeout, HttpSettings http) {
      return open(baseUrl, connectTimeout);
    }
  }

  /** The {@link Response#protocol()} of HTTP/1.1 exchanges (k6's {@code proto} tag value). */
  String HTTP_1_1 = "HTTP/1.1";
  /** The {@link Response#protocol()} of HTTP/2 exchanges (k6's {@code proto} tag value). */
  String HTTP_2 = "HTTP/2.0";

  /**
   * The outcome of one exchange.
   *
   * @param status HTTP status, 200-599 (interim 1xx responses are skipped)
   * @param bodyBytes response body bytes received, &ge; 0
   * @param body the first bytes of the body when asked to keep them; null otherwise
   * @param firstByteNanos ticker time (ns) the first response byte arrived
   * @param headers the response headers asked for, in arrival order (a repeated header once per line); empty when
   *     none was asked for or present
   * @param protocol {@link #HTTP_1_1} or {@link #HTTP_2}, always one of these two constants (compared by identity)
   */
  record Response(int status, long bodyBytes, byte @Nullable [] body, long firstByteNanos, List<Header> headers,
      String protocol) {

    /** An HTTP/1.1 response without captured headers. */
    public Response(int status, long bodyBytes, byte @Nullable [] body, long firstByteNanos) {
      this(status, bodyBytes, body, firstByteNanos, List.of(), HTTP_1_1);
    }

    /** An HTTP/1.1 response. */
    public Response(int status, long bodyBytes, byte @Nullable [] body, long firstByteNanos, List<Header> headers) {
      this(status, bodyBytes, body, firstByteNanos, headers, HTTP_1_1);
    }

    /** The first value of header {@code lowerCaseName}, or null. */
    public @Nullable String header(String lowerCaseName) {
      for (Header header : headers) {
        if (header.name().equals(lowerCaseName)) {
          return header.value();
        }
      }
      return null;
    }

    /** {@link ErrorKind#NONE} for 1xx-3xx, {@link ErrorKind#HTTP_STATUS} for 4xx and 5xx. */
    public ErrorKind statusKind() {
      return status >= 400 ? ErrorKind.HTTP_STATUS : ErrorKind.NONE;
    }
  }

  /**
   * Encodes a request. Host, Content-Length and a default User-Agent are added here.
   *
   * @param pathAndQuery the request target, already percent-encoded
   * @throws IllegalArgumentException if a header name or value contains CR or LF
   */
  byte[] encode(String method, String pathAndQuery, Map<String, String> headers, byte[] body);

  /**
   * A response header line.
   *
   * @param name the header name in lower case
   * @param value its value, surrounding blanks trimmed, bytes read as ISO-8859-1
   */
  record Header(String name, String value) {
  }

  /**
   * Sends {@code request} and reads the whole response, capturing no header.
   *
   * @see #exchange(byte[], boolean, long, int, List, LongSupplier)
   */
  default Response exchange(byte[] request, boolean head, long deadlineNanos, int keep, LongSupplier ticker)
      throws IOException, InterruptedException {
    return exchange(request, head, deadlineNanos, keep, List.of(), ticker);
  }

  /**
   * Sends {@code request} and reads the whole response.
   *
   * @param head whether the request is a HEAD (its response has no body)
   * @param deadlineNanos ticker time (ns) by which the response must be complete
   * @param keep how many body bytes to keep for checks (0: none)
   * @param capture lower-case names of the headers to return in {@link Response#headers()}; the others are only
   *     parsed as far as the framing needs
   * @param ticker the run's monotonic clock (ns), the scale of {@code deadlineNanos} and of the first-byte time
   * @throws IOException when no complete response arrived in time; {@link #failureKind} names its kind
   */
  Response exchange(byte[] request, boolean head, long deadlineNanos, int keep, List<String> capture,
      LongSupplier ticker) throws IOException, InterruptedException;

  /** The kind of a failed exchange (no response), from what {@link #exchange} or {@link #encode} threw. */
  ErrorKind failureKind(Exception failure);

  /** Closes idle connections; exchanges in progress finish on theirs. */
  @Override
  void close();
}
