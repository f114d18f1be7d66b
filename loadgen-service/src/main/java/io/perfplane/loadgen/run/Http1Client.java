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
import java.util.Locale;
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

  private final String host;
  private final int port;
  private final boolean tls;
  private final String hostHeader;
  private final int connectTimeoutMs;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
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
      c.responseStarted = false;
      try {
        c.out.write(request);
        c.out.flush();
      } catch (IOException e) {
        throw c.reused ? new StaleConnectionException() : e;
      }
      Response response = c.readResponse(head, deadlineNanos, keep, ticker);
      c.reused = true;
      if (c.reusable && !closed) {
        idle.offerFirst(c);
        released = true;
      }
      return response;
    } catch (SocketTimeoutException e) {
      throw new HttpTimeoutException("response not complete within the request timeout");
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted during an exchange");
      }
      if (c.reused && !c.responseStarted && !(e instanceof HttpTimeoutException)) {
        throw new StaleConnectionException();
      }
      throw e;
    } finally {
      if (!released) {
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
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) Math.max(1, leftMs));
        ssl.startHandshake();
        socket = ssl;
      }
      return new Connection(socket);
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

  /** A reused connection failed before any response byte: safe to resend. */
  private static final class StaleConnectionException extends IOException {
    StaleConnectionException() {
      super("stale keep-alive connection");
    }
  }

  /** One socket with its read buffer. */
  private static final class Connection {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean reusable;
    private boolean reused;
    private boolean responseStarted;
    private long deadlineNanos;
    private @Nullable LongSupplier ticker;
    private final StringBuilder line = new StringBuilder(64);

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    Response readResponse(boolean head, long deadline, int keep, LongSupplier clock) throws IOException {
      this.deadlineNanos = deadline;
      this.ticker = clock;
      if (pos < limit) { // bytes the server sent ahead of this response
        responseStarted = true;
        firstByteNanos = clock.getAsLong();
      }
      while (true) {
        String statusLine = readLine();
        long firstByte = firstByteNanos;
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
          throw new IOException("malformed status line");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        boolean http10 = statusLine.charAt(7) == '0';
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
          int colon = header.indexOf(':');
          if (colon <= 0) {
            continue;
          }
          String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
          String value = header.substring(colon + 1).strip();
          switch (name) {
            case "content-length" -> contentLength = Long.parseLong(value);
            case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            case "connection" -> close = value.equalsIgnoreCase("close")
                || (http10 && !value.equalsIgnoreCase("keep-alive"));
            default -> {
              // not needed
            }
          }
        }
        if (status >= 100 && status < 200) {
          continue; // interim response (100 Continue, 103 Early Hints): the real one follows
        }
        Body body = new Body(keep);
        if (head || status == 204 || status == 304) {
          reusable = !close;
        } else if (chunked) {
          readChunked(body);
          reusable = !close;
        } else if (contentLength >= 0) {
          readFixed(contentLength, body);
          reusable = !close;
        } else {
          readToEnd(body);
          reusable = false;
        }
        return new Response(status, body.count, body.bytes(), firstByte);
      }
    }

    private long firstByteNanos;

    private int fill() throws IOException {
      long leftNanos = deadlineNanos - ticker.getAsLong();
      if (leftNanos <= 0) {
        throw new HttpTimeoutException("response not complete within the request timeout");
      }
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, leftNanos / 1_000_000)));
      int n = in.read(buffer, 0, buffer.length);
      if (n > 0 && !responseStarted) {
        responseStarted = true;
        firstByteNanos = ticker.getAsLong();
      }
      pos = 0;
      limit = Math.max(n, 0);
      return n;
    }

    private String readLine() throws IOException {
      line.setLength(0);
      while (true) {
        if (pos >= limit && fill() < 0) {
          throw new EOFException("connection closed mid-response");
        }
        byte b = buffer[pos++];
        if (b == '\n') {
          int end = line.length();
          if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
          }
          return line.toString();
        }
        if (line.length() >= MAX_LINE) {
          throw new IOException("response line longer than " + MAX_LINE + " bytes");
        }
        line.append((char) (b & 0xff));
      }
    }

    private void readFixed(long length, Body body) throws IOException {
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
    }

    private void readChunked(Body body) throws IOException {
      while (true) {
        String sizeLine = readLine();
        int semicolon = sizeLine.indexOf(';');
        long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
        if (size == 0) {
          while (!readLine().isEmpty()) {
            // trailers
          }
          return;
        }
        readFixed(size, body);
        readLine(); // CRLF after the chunk
      }
    }

    private void readToEnd(Body body) throws IOException {
      while (true) {
        if (pos >= limit && fill() < 0) {
          return;
        }
        body.add(buffer, pos, limit - pos);
        pos = limit;
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /** Counts body bytes, keeping the first {@code keep}. */
  private static final class Body {

    private final int keep;
    private long count;
    private byte @Nullable [] kept;
    private int keptLength;

    Body(int keep) {
      this.keep = keep;
    }

    void add(byte[] source, int offset, int length) {
      count += length;
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
