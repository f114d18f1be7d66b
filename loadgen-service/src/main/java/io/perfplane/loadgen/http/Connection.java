package io.perfplane.loadgen.http;

import static io.perfplane.loadgen.http.Http1Syntax.CHUNKED;
import static io.perfplane.loadgen.http.Http1Syntax.CLOSE;
import static io.perfplane.loadgen.http.Http1Syntax.CONNECTION;
import static io.perfplane.loadgen.http.Http1Syntax.CONTENT_LENGTH;
import static io.perfplane.loadgen.http.Http1Syntax.HTTP_1;
import static io.perfplane.loadgen.http.Http1Syntax.KEEP_ALIVE;
import static io.perfplane.loadgen.http.Http1Syntax.TRANSFER_ENCODING;
import static io.perfplane.loadgen.http.Http1Syntax.containsIgnoreCase;
import static io.perfplane.loadgen.http.Http1Syntax.equalsIgnoreCase;
import static io.perfplane.loadgen.http.Http1Syntax.indexOf;
import static io.perfplane.loadgen.http.Http1Syntax.isDigit;
import static io.perfplane.loadgen.http.Http1Syntax.parseDecimal;
import static io.perfplane.loadgen.http.Http1Syntax.parseHex;
import static io.perfplane.loadgen.http.Http1Syntax.startsWith;
import static io.perfplane.loadgen.http.Http1Syntax.trimEnd;
import static io.perfplane.loadgen.http.Http1Syntax.trimStart;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import io.perfplane.loadgen.engine.HttpTransport.Header;
import io.perfplane.loadgen.engine.HttpTransport.Response;
import org.jspecify.annotations.Nullable;

/**
 * One keep-alive connection of {@link Http1Client}: its socket, its read buffer and the parser of the responses
 * that arrive on it (Content-Length, chunked or read-to-close bodies, counted rather than stored). Used by one
 * exchange at a time; the watchdog reads only the volatile {@link #busy}/{@link #timedOut} pair and what they guard.
 */
final class Connection {

    /**
   * Read buffer per connection (wrk's size; larger bodies stream through it). Every keep-alive connection holds one,
   * so at 10,000 thinking users this is the largest per-user heap cost.
   */
  private static final int BUFFER = 8 * 1024;
  private static final int MAX_LINE = 16 * 1024;

  private final Socket socket;
  private final InputStream in;
  final OutputStream out;
  /** The client's open connections, which the watchdog scans; a closed connection leaves it. */
  private final Set<Connection> live;
  private final byte[] buffer = new byte[BUFFER];
  private int pos;
  private int limit;
  /** Whether the last response left the connection usable for another exchange. */
  boolean reusable;
  /** Whether an exchange completed on this connection before (a failure may then be a stale keep-alive). */
  boolean reused;
  boolean responseStarted;
  /** Deadline and ticker of the current exchange; written before {@link #busy}, read by the watchdog after it. */
  long deadlineNanos;
  @Nullable LongSupplier ticker;
  volatile boolean busy;
  /** Set by the watchdog when it closed the socket of an overdue exchange. */
  volatile boolean timedOut;
  /** The current status, header or chunk-size line; grows up to {@link #MAX_LINE}. */
  private byte[] line = new byte[256];

  Connection(Socket socket, Set<Connection> live) throws IOException {
    this.socket = socket;
    this.live = live;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Reads one response. Status line and headers are parsed as bytes in a reused line buffer: only the three
   * headers that frame the body are looked at, and nothing is turned into a String (a per-header String, its
   * lower-cased and stripped copies were the largest allocation per request in the throughput benchmark). Only
   * the headers named in {@code capture} (lower case) become Strings.
   */
  Response readResponse(boolean head, int keep, List<String> capture) throws IOException {
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
      List<Header> captured = List.of();
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
        if (!capture.isEmpty()) {
          captured = capture(capture, nameEnd, valueStart, valueEnd, captured);
        }
      }
      if (status >= 100 && status < 200) {
        continue; // interim response (100 Continue, 103 Early Hints): the real one follows
      }
      BodyCapture body = keep == 0 ? BodyCapture.COUNT_ONLY : new BodyCapture(keep);
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
      return new Response(status, received, body.bytes(), firstByte, captured);
    }
  }

  /** Adds the header in {@link #line} to {@code captured} when {@code capture} names it. */
  private List<Header> capture(List<String> capture, int nameEnd, int valueStart, int valueEnd,
      List<Header> captured) {
    for (int i = 0; i < capture.size(); i++) {
      String name = capture.get(i);
      if (equalsIgnoreCase(line, 0, nameEnd, name)) {
        List<Header> result = captured.isEmpty() ? new ArrayList<>(2) : captured;
        result.add(new Header(name, new String(line, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1)));
        return result;
      }
    }
    return captured;
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

  private long readFixed(long length, BodyCapture body) throws IOException {
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

  private long readChunked(BodyCapture body) throws IOException {
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

  private long readToEnd(BodyCapture body) throws IOException {
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

  static HttpTimeoutException timeout() {
    return new HttpTimeoutException("response not complete within the request timeout");
  }
}
