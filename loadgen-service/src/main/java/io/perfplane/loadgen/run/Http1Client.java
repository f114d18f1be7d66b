package io.perfplane.loadgen.run;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * A minimal HTTP/1.1 client for one target: blocking sockets on the calling (virtual) thread, keep-alive
 * connections in a shared pool, requests pre-encoded to bytes, responses parsed in place (Content-Length, chunked or
 * read-to-close bodies) and counted rather than stored. Chosen over {@code java.net.http.HttpClient} because the
 * throughput benchmark showed the JDK client's selector thread and per-exchange machinery capping a generator at a
 * small fraction of wrk on the same machine; a blocking socket per virtual user is what wrk does with an event
 * loop. It reports the true time to first byte. Redirects are not followed (they could lead off the allow-listed
 * target). Thread-safe; each exchange uses one connection exclusively.
 */
final class Http1Client implements AutoCloseable {

  /**
   * Read buffer per connection (wrk's size; larger bodies stream through it). Every keep-alive connection holds one,
   * so at 10,000 thinking users this is the largest per-user heap cost.
   */
  private static final int BUFFER = 8 * 1024;
  private static final int MAX_LINE = 16 * 1024;
  private static final byte[] HTTP_1 = ascii("HTTP/1.");
  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] CHUNKED = ascii("chunked");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");

  private final String host;
  private final int port;
  private final boolean tls;
  private final String hostHeader;
  private final int connectTimeoutMs;
  /** How often the watchdog looks for exchanges past their deadline (ms): the resolution of request timeouts. */
  private static final long WATCHDOG_PERIOD_MS = 10;

  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  /** Every open connection, for the watchdog. */
  private final Set<Connection> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * The outcome of one exchange.
   *
   * @param status HTTP status
   * @param bodyBytes response body bytes received
   * @param body the first bytes of the body when asked to keep them; null otherwise
   * @param firstByteNanos ticker time the first response byte arrived
   */
  record Response(int status, long bodyBytes, byte @Nullable [] body, long firstByteNanos) {
  }

  Http1Client(String baseUrl, Duration connectTimeout) {
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
  byte[] encode(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
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
   * @throws HttpConnectTimeoutException if connecting timed out
   * @throws HttpTimeoutException if the response was not complete by the deadline
   * @throws IOException on any other connection failure
   */
  Response exchange(byte[] request, boolean head, long deadlineNanos, int keep, LongSupplier ticker)
      throws IOException, InterruptedException {
    Connection pooled = idle.pollFirst();
    if (pooled != null) {
      try {
        return exchange(pooled, request, head, deadlineNanos, keep, ticker);
      } catch (StaleConnectionException e) {
        // The server closed an idle keep-alive connection before it saw this request: resend on a fresh one.
      }
    }
    Connection fresh = connect(deadlineNanos, ticker);
    try {
      return exchange(fresh, request, head, deadlineNanos, keep, ticker);
    } catch (StaleConnectionException e) {
      throw new EOFException("connection closed before a response");
    }
  }

  private Response exchange(Connection c, byte[] request, boolean head, long deadlineNanos, int keep,
      LongSupplier ticker) throws IOException, InterruptedException {
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
        throw c.timedOut ? timeout() : c.reused ? new StaleConnectionException() : e;
      }
      Response response = c.readResponse(head, keep);
      c.busy = false;
      c.reused = true;
      if (c.reusable && !closed) {
        idle.offerFirst(c);
        released = true;
      }
      return response;
    } catch (SocketTimeoutException e) {
      throw timeout();
    } catch (IOException e) {
      if (c.timedOut && !(e instanceof StaleConnectionException)) {
        throw timeout();
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

  private static HttpTimeoutException timeout() {
    return new HttpTimeoutException("response not complete within the request timeout");
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
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) Math.max(1, leftMs));
        ssl.startHandshake();
        ssl.setSoTimeout(0); // from here on the watchdog enforces deadlines
        socket = ssl;
      }
      Connection c = new Connection(socket);
      live.add(c);
      return c;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static int indexOf(byte[] bytes, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private static int trimStart(byte[] bytes, int from, int to) {
    while (from < to && isBlank(bytes[from])) {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] bytes, int from, int to) {
    while (to > from && isBlank(bytes[to - 1])) {
      to--;
    }
    return to;
  }

  private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
    return to - from >= prefix.length && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
  }

  /** Whether {@code bytes[from, to)} equals {@code lower} (lower-case ASCII) ignoring ASCII case. */
  private static boolean equalsIgnoreCase(byte[] bytes, int from, int to, byte[] lower) {
    if (to - from != lower.length) {
      return false;
    }
    for (int i = 0; i < lower.length; i++) {
      int b = bytes[from + i];
      if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lower[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsIgnoreCase(byte[] bytes, int from, int to, byte[] lower) {
    for (int i = from; i + lower.length <= to; i++) {
      if (equalsIgnoreCase(bytes, i, i + lower.length, lower)) {
        return true;
      }
    }
    return false;
  }

  private static long parseDecimal(byte[] bytes, int from, int to) throws IOException {
    if (from >= to || to - from > 18) {
      throw new IOException("malformed Content-Length");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      if (!isDigit(bytes[i])) {
        throw new IOException("malformed Content-Length");
      }
      value = value * 10 + (bytes[i] - '0');
    }
    return value;
  }

  private static long parseHex(byte[] bytes, int from, int to) throws IOException {
    if (from >= to || to - from > 15) {
      throw new IOException("malformed chunk size");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int digit = Character.digit(bytes[i], 16);
      if (digit < 0) {
        throw new IOException("malformed chunk size");
      }
      value = value * 16 + digit;
    }
    return value;
  }

  /** A reused connection failed before any response byte: safe to resend. */
  private static final class StaleConnectionException extends IOException {
    StaleConnectionException() {
      super("stale keep-alive connection");
    }
  }

  /** One socket with its read buffer. */
  private final class Connection {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean reusable;
    private boolean reused;
    private boolean responseStarted;
    /** Deadline and ticker of the current exchange; written before {@link #busy}, read by the watchdog after it. */
    private long deadlineNanos;
    private @Nullable LongSupplier ticker;
    private volatile boolean busy;
    /** Set by the watchdog when it closed the socket of an overdue exchange. */
    private volatile boolean timedOut;
    /** The current status, header or chunk-size line; grows up to {@link #MAX_LINE}. */
    private byte[] line = new byte[256];

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /**
     * Reads one response. Status line and headers are parsed as bytes in a reused line buffer: only the three
     * headers that frame the body are looked at, and nothing is turned into a String (a per-header String, its
     * lower-cased and stripped copies were the largest allocation per request in the throughput benchmark).
     */
    Response readResponse(boolean head, int keep) throws IOException {
      if (pos < limit) { // bytes the server sent ahead of this response
        responseStarted = true;
        firstByteNanos = ticker.getAsLong();
      }
      while (true) {
        int length = readLine();
        long firstByte = firstByteNanos;
        byte[] l = line;
        if (length < 12 || !startsWith(l, 0, length, HTTP_1) || l[8] != ' ' || !isDigit(l[9]) || !isDigit(l[10])
            || !isDigit(l[11])) {
          throw new IOException("malformed status line");
        }
        int status = (l[9] - '0') * 100 + (l[10] - '0') * 10 + (l[11] - '0');
        boolean http10 = l[7] == '0';
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        for (int n = readLine(); n > 0; n = readLine()) {
          int colon = indexOf(line, 0, n, (byte) ':');
          if (colon <= 0) {
            continue;
          }
          int nameEnd = trimEnd(line, 0, colon);
          int valueStart = trimStart(line, colon + 1, n);
          int valueEnd = trimEnd(line, valueStart, n);
          if (equalsIgnoreCase(line, 0, nameEnd, CONTENT_LENGTH)) {
            contentLength = parseDecimal(line, valueStart, valueEnd);
          } else if (equalsIgnoreCase(line, 0, nameEnd, TRANSFER_ENCODING)) {
            chunked = containsIgnoreCase(line, valueStart, valueEnd, CHUNKED);
          } else if (equalsIgnoreCase(line, 0, nameEnd, CONNECTION)) {
            close = equalsIgnoreCase(line, valueStart, valueEnd, CLOSE)
                || (http10 && !equalsIgnoreCase(line, valueStart, valueEnd, KEEP_ALIVE));
          }
        }
        if (status >= 100 && status < 200) {
          continue; // interim response (100 Continue, 103 Early Hints): the real one follows
        }
        Body body = keep == 0 ? Body.COUNT_ONLY : new Body(keep);
        long received;
        if (head || status == 204 || status == 304) {
          received = 0;
          reusable = !close;
        } else if (chunked) {
          received = readChunked(body);
          reusable = !close;
        } else if (contentLength >= 0) {
          received = readFixed(contentLength, body);
          reusable = !close;
        } else {
          received = readToEnd(body);
          reusable = false;
        }
        return new Response(status, received, body.bytes(), firstByte);
      }
    }

    private long firstByteNanos;

    private int fill() throws IOException {
      long leftNanos = deadlineNanos - ticker.getAsLong();
      if (leftNanos <= 0) {
        throw new HttpTimeoutException("response not complete within the request timeout");
      }
      int n;
      try {
        n = in.read(buffer, 0, buffer.length);
      } catch (IOException e) {
        throw timedOut ? timeout() : e;
      }
      if (n > 0 && !responseStarted) {
        responseStarted = true;
        firstByteNanos = ticker.getAsLong();
      }
      pos = 0;
      limit = Math.max(n, 0);
      return n;
    }

    /** Reads one line into {@link #line} without its CRLF (or bare LF); returns its length. */
    private int readLine() throws IOException {
      int length = 0;
      while (true) {
        if (pos >= limit && fill() < 0) {
          throw new EOFException("connection closed mid-response");
        }
        int end = indexOf(buffer, pos, limit, (byte) '\n');
        int take = (end < 0 ? limit : end) - pos;
        if (length + take > MAX_LINE) {
          throw new IOException("response line longer than " + MAX_LINE + " bytes");
        }
        if (length + take > line.length) {
          line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + take)));
        }
        System.arraycopy(buffer, pos, line, length, take);
        length += take;
        if (end >= 0) {
          pos = end + 1;
          return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        }
        pos = limit;
      }
    }

    private long readFixed(long length, Body body) throws IOException {
      long left = length;
      while (left > 0) {
        if (pos >= limit && fill() < 0) {
          throw new EOFException("connection closed mid-body");
        }
        int take = (int) Math.min(left, limit - pos);
        body.add(buffer, pos, take);
        pos += take;
        left -= take;
      }
      return length;
    }

    private long readChunked(Body body) throws IOException {
      long total = 0;
      while (true) {
        int n = readLine();
        int semicolon = indexOf(line, 0, n, (byte) ';');
        int end = semicolon < 0 ? n : semicolon;
        long size = parseHex(line, trimStart(line, 0, end), trimEnd(line, 0, end));
        if (size == 0) {
          while (readLine() > 0) {
            // trailers
          }
          return total;
        }
        total += readFixed(size, body);
        readLine(); // CRLF after the chunk
      }
    }

    private long readToEnd(Body body) throws IOException {
      long total = 0;
      while (true) {
        if (pos >= limit && fill() < 0) {
          return total;
        }
        body.add(buffer, pos, limit - pos);
        total += limit - pos;
        pos = limit;
      }
    }

    void close() {
      live.remove(this);
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /** Keeps the first {@code keep} body bytes for checks. */
  private static final class Body {

    /** Keeps nothing: shared, as it has no state. */
    static final Body COUNT_ONLY = new Body(0);

    private final int keep;
    private byte @Nullable [] kept;
    private int keptLength;

    Body(int keep) {
      this.keep = keep;
    }

    void add(byte[] source, int offset, int length) {
      if (keep > keptLength) {
        int take = Math.min(length, keep - keptLength);
        if (kept == null) {
          kept = new byte[Math.min(keep, Math.max(take, 8 * 1024))];
        } else if (keptLength + take > kept.length) {
          kept = Arrays.copyOf(kept, Math.min(keep, Math.max(kept.length * 2, keptLength + take)));
        }
        System.arraycopy(source, offset, kept, keptLength, take);
        keptLength += take;
      }
    }

    byte @Nullable [] bytes() {
      return keep == 0 ? null : kept == null ? new byte[0] : Arrays.copyOf(kept, keptLength);
    }
  }
}
