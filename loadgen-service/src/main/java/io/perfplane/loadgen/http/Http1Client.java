package io.perfplane.loadgen.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.loadgen.engine.HttpTransport;

/**
 * A minimal HTTP/1.1 client for one target: blocking sockets on the calling (virtual) thread, keep-alive
 * connections in a shared pool, requests pre-encoded to bytes, responses parsed in place (Content-Length, chunked or
 * read-to-close bodies) and counted rather than stored. Chosen over {@code java.net.http.HttpClient} because the
 * throughput benchmark showed the JDK client's selector thread and per-exchange machinery capping a generator at a
 * small fraction of wrk on the same machine; a blocking socket per virtual user is what wrk does with an event
 * loop. It reports the true time to first byte. Redirects are not followed (they could lead off the allow-listed
 * target). Thread-safe; each exchange uses one connection exclusively.
 */
final class Http1Client implements HttpTransport {

  private final String host;
  private final int port;
  private final boolean tls;
  private final String hostHeader;
  private final int connectTimeoutMs;
  private final SSLSocketFactory sockets;
  /** Whether TLS checks the certificate names the target host (off only with {@code insecureSkipVerify}). */
  private final boolean verifyHostname;
  /** How often the watchdog looks for exchanges past their deadline (ms): the resolution of request timeouts. */
  private static final long WATCHDOG_PERIOD_MS = 10;

  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  /** Every open connection, for the watchdog. */
  private final Set<Connection> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * A client for the target at {@code baseUrl}; starts its watchdog thread, which ends with {@link #close}.
   *
   * @param connectTimeout longest a connection attempt may take (the request deadline bounds it too)
   */
  Http1Client(String baseUrl, Duration connectTimeout) {
    this(baseUrl, connectTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault(), true);
  }

  /**
   * A client whose TLS connections use {@code tls}.
   *
   * @param verifyHostname whether the server certificate must name the target host
   */
  Http1Client(String baseUrl, Duration connectTimeout, SSLContext tls, boolean verifyHostname) {
    this(baseUrl, connectTimeout, tls.getSocketFactory(), verifyHostname);
  }

  private Http1Client(String baseUrl, Duration connectTimeout, SSLSocketFactory sockets, boolean verifyHostname) {
    this.sockets = sockets;
    this.verifyHostname = verifyHostname;
    URI uri = URI.create(baseUrl);
    this.tls = "https".equalsIgnoreCase(uri.getScheme());
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    this.hostHeader = uri.getPort() > 0 ? uri.getRawAuthority() : host;
    this.connectTimeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    Thread.ofPlatform().daemon().name("loadgen-http-watchdog").start(this::watch);
  }

  /**
   * Enforces request deadlines by closing the sockets of overdue exchanges, which fails their blocked read or write.
   * Cheaper than a socket read timeout: on a virtual thread every timed read schedules and cancels a timer task,
   * once per response, while this scan costs one pass over the connections every {@value #WATCHDOG_PERIOD_MS} ms.
   */
  private void watch() {
    while (!closed) {
      for (Connection c : live) {
        if (!c.busy) {
          continue;
        }
        LongSupplier clock = c.ticker;
        if (clock != null && clock.getAsLong() - c.deadlineNanos > 0) {
          c.timedOut = true;
          c.close();
        }
      }
      try {
        Thread.sleep(WATCHDOG_PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Encodes a request. Host and Content-Length are set here; the plan validator refused them as step headers.
   *
   * @throws IllegalArgumentException if a header name or value contains CR or LF
   */
  @Override
  public byte[] encode(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder(128 + pathAndQuery.length());
    head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\nHost: ").append(hostHeader)
        .append("\r\n");
    boolean userAgent = false;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      String value = header.getValue();
      if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header " + name + " contains CR or LF");
      }
      userAgent |= name.equalsIgnoreCase("User-Agent");
      head.append(name).append(": ").append(value).append("\r\n");
    }
    if (!userAgent) {
      head.append("User-Agent: perfplane-loadgen\r\n");
    }
    if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    if (body.length == 0) {
      return headBytes;
    }
    byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  /**
   * Sends {@code request} and reads the whole response.
   *
   * @param head whether the request is a HEAD (its response has no body)
   * @param deadlineNanos ticker time by which the response must be complete
   * @param keep how many body bytes to keep (0: none)
   * @param capture lower-case names of the headers to return
   * @throws HttpConnectTimeoutException if connecting timed out
   * @throws HttpTimeoutException if the response was not complete by the deadline
   * @throws IOException on any other connection failure
   */
  @Override
  public Response exchange(byte[] request, boolean head, long deadlineNanos, int keep, List<String> capture,
      LongSupplier ticker) throws IOException, InterruptedException {
    Connection pooled = idle.pollFirst();
    if (pooled != null) {
      try {
        return exchange(pooled, request, head, deadlineNanos, keep, capture, ticker);
      } catch (StaleConnectionException e) {
        // The server closed an idle keep-alive connection before it saw this request: resend on a fresh one.
      }
    }
    Connection fresh = connect(deadlineNanos, ticker);
    try {
      return exchange(fresh, request, head, deadlineNanos, keep, capture, ticker);
    } catch (StaleConnectionException e) {
      throw new EOFException("connection closed before a response");
    }
  }

  private Response exchange(Connection c, byte[] request, boolean head, long deadlineNanos, int keep,
      List<String> capture, LongSupplier ticker) throws IOException, InterruptedException {
    boolean released = false;
    try {
      if (c.timedOut) {
        throw new StaleConnectionException(); // closed by the watchdog just as its last exchange ended
      }
      c.responseStarted = false;
      c.deadlineNanos = deadlineNanos;
      c.ticker = ticker;
      c.busy = true; // volatile write last: the watchdog that sees busy sees this exchange's deadline
      try {
        c.out.write(request);
        c.out.flush();
      } catch (IOException e) {
        throw c.timedOut ? Connection.timeout() : c.reused ? new StaleConnectionException() : e;
      }
      Response response = c.readResponse(head, keep, capture);
      c.busy = false;
      c.reused = true;
      if (c.reusable && !closed) {
        idle.offerFirst(c);
        released = true;
      }
      return response;
    } catch (SocketTimeoutException e) {
      throw Connection.timeout();
    } catch (IOException e) {
      if (c.timedOut && !(e instanceof StaleConnectionException)) {
        throw Connection.timeout();
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted during an exchange");
      }
      if (c.reused && !c.responseStarted && !(e instanceof HttpTimeoutException)) {
        throw new StaleConnectionException();
      }
      throw e;
    } finally {
      if (!released) { // a released connection may already be busy with another thread's exchange
        c.busy = false;
        c.close();
      }
    }
  }

  private Connection connect(long deadlineNanos, LongSupplier ticker) throws IOException {
    long leftMs = (deadlineNanos - ticker.getAsLong()) / 1_000_000;
    if (leftMs <= 0) {
      throw new HttpTimeoutException("request timeout elapsed before connecting");
    }
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      try {
        socket.connect(new InetSocketAddress(host, port), (int) Math.min(connectTimeoutMs, leftMs));
      } catch (SocketTimeoutException e) {
        throw new HttpConnectTimeoutException("connect to " + host + ":" + port + " timed out");
      }
      if (tls) {
        SSLSocket ssl = (SSLSocket) sockets.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) Math.max(1, leftMs));
        ssl.startHandshake();
        ssl.setSoTimeout(0); // from here on the watchdog enforces deadlines
        socket = ssl;
      }
      Connection c = new Connection(socket, live);
      live.add(c);
      return c;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** {@link ErrorClassifier#ofFailure}: this client's failures are the JDK's socket and HTTP exceptions. */
  @Override
  public ErrorKind failureKind(Exception failure) {
    return ErrorClassifier.ofFailure(failure);
  }

  @Override
  public void close() {
    closed = true;
    for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }
}
