package io.perfplane.ingest.upload;

import java.io.IOException;

import io.perfplane.ingest.system.IngestProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads and discards what is left of an upload's body once its answer is decided, before the answer is sent.
 *
 * <p>Many answers come before the body is read: a replayed keyed upload, 401, 409, 429, 503 (not ready), 400/415
 * for a bad parameter, and 413 stops reading part way. A client streaming a large file is still sending then. If the
 * server closed the connection with the rest unread (Tomcat swallows at most {@code maxSwallowSize}, 2 MiB), the
 * kernel answers the client's next segments with a reset, and the reset destroys the answer still unread in the
 * client's buffer: the client saw a broken or truncated response where a complete one was sent. Draining here,
 * outermost of the filters, makes every such answer complete and keeps the connection usable.
 *
 * <p>Bounded by {@code perfplane.ingest.limits.max-drain-bytes}: past it, the answer is sent with
 * {@code Connection: close} (a client sending that much more after an early answer is misbehaving). A client that
 * sent {@code Expect: 100-continue} and was answered before anything was read never sent its body: nothing is
 * drained, and the connection is closed rather than left waiting for a body that will not come.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class UnreadBodyDrain extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(UnreadBodyDrain.class);
  private static final int BUFFER_BYTES = 64 * 1024;

  private final long maxDrainBytes;

  UnreadBodyDrain(IngestProperties properties) {
    this.maxDrainBytes = properties.limits().maxDrainBytes().toBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!hasBody(request)) {
      chain.doFilter(request, response);
      return;
    }
    Observed observed = new Observed(request);
    try {
      chain.doFilter(observed, response);
    } finally {
      drain(observed, request, response);
    }
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
  }

  private void drain(Observed observed, HttpServletRequest request, HttpServletResponse response) {
    if (!observed.touched() && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      closeAfterAnswer(response);
      return;
    }
    long drained = 0;
    try {
      ServletInputStream in = request.getInputStream();
      byte[] buffer = new byte[BUFFER_BYTES];
      while (!in.isFinished()) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, maxDrainBytes - drained + 1));
        if (n < 0) {
          break;
        }
        drained += n;
        if (drained > maxDrainBytes) {
          log.info("Closing the connection after the answer: over {} unread body bytes after it was decided "
              + "(perfplane.ingest.limits.max-drain-bytes)", maxDrainBytes);
          closeAfterAnswer(response);
          return;
        }
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or the stream was taken as a reader: nothing left to protect.
      log.debug("Stopped draining an unread request body after {} bytes: {}", drained, e.toString());
      return;
    }
    if (drained > 0) {
      log.debug("Drained {} unread request body bytes before answering {}", drained, response.getStatus());
    }
  }

  private static void closeAfterAnswer(HttpServletResponse response) {
    if (!response.isCommitted()) {
      response.setHeader(HttpHeaders.CONNECTION, "close");
    }
  }

  /** The request as the application sees it, noting whether anything asked for the body. */
  private static final class Observed extends HttpServletRequestWrapper {

    private @Nullable Touching stream;

    Observed(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      Touching current = stream;
      if (current == null) {
        current = new Touching(super.getInputStream());
        stream = current;
      }
      return current;
    }

    boolean touched() {
      Touching current = stream;
      return current != null && current.touched;
    }
  }

  /** Delegates, remembering the first read (the one that makes the container send 100 Continue). */
  private static final class Touching extends ServletInputStream {

    private final ServletInputStream in;
    private boolean touched;

    Touching(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      touched = true;
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      touched = true;
      return in.read(b, off, len);
    }

    @Override
    public int readLine(byte[] b, int off, int len) throws IOException {
      touched = true;
      return in.readLine(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      touched = true;
      return in.skip(n);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      touched = true;
      in.setReadListener(listener);
    }

    @Override
    public void close() {
      // The container owns the stream; closing it here would make the drain fail and the connection reset.
    }
  }
}
