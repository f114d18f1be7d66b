package io.perfplane.loadgen.http;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import io.perfplane.loadgen.engine.HttpTransport;
import io.perfplane.loadgen.engine.HttpTransport.Header;
import io.perfplane.loadgen.engine.HttpTransport.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.jspecify.annotations.Nullable;

/**
 * One request/response stream of {@link Http2Client}: Jetty calls it on its selector thread (stream opened, headers,
 * data, reset, closed); the virtual user waits on {@link #done} and reads the outcome. Returns its connection's stream
 * permit exactly once, when Jetty has closed the stream (or it was never opened).
 */
final class H2Exchange implements Stream.Listener, Promise<Stream> {

  final CountDownLatch done = new CountDownLatch(1);
  private final H2Connection connection;
  private final byte @Nullable [] body;
  private final List<String> capture;
  private final LongSupplier ticker;
  private final BodyCapture kept;
  private final AtomicBoolean permitReturned = new AtomicBoolean();
  private volatile @Nullable Stream stream;
  private volatile int status;
  private long firstByteNanos;
  private long bodyBytes;
  private List<Header> headers = List.of();
  private @Nullable Throwable failure;
  /** Whether the stream could not be opened at all (nothing reached the server). */
  private volatile boolean notOpened;

  H2Exchange(H2Connection connection, byte @Nullable [] body, int keep, List<String> capture, LongSupplier ticker) {
    this.connection = connection;
    this.body = body;
    this.capture = capture;
    this.ticker = ticker;
    this.kept = keep == 0 ? BodyCapture.COUNT_ONLY : new BodyCapture(keep);
  }

  /** The stream is open: send the body, if any. */
  @Override
  public void succeeded(Stream opened) {
    stream = opened;
    if (body != null) {
      opened.data(new DataFrame(opened.getId(), ByteBuffer.wrap(body), true), Callback.from(() -> { }, this::fail));
    }
  }

  /** The stream could not be opened (connection gone, stream limit). */
  @Override
  public void failed(Throwable x) {
    notOpened = true;
    returnPermit();
    fail(x);
  }

  @Override
  public void onHeaders(Stream stream, HeadersFrame frame) {
    MetaData metaData = frame.getMetaData();
    if (metaData instanceof MetaData.Response response) {
      if (response.getStatus() < 200) {
        return; // interim (100 Continue, 103 Early Hints): the real response follows
      }
      firstByteNanos = ticker.getAsLong();
      status = response.getStatus();
      if (!capture.isEmpty()) {
        headers = captured(response);
      }
    }
    if (frame.isEndStream()) {
      finish();
    } else {
      stream.demand();
    }
  }

  private List<Header> captured(MetaData.Response response) {
    List<Header> result = List.of();
    for (HttpField field : response.getHttpFields()) {
      String name = field.getLowerCaseName();
      for (int i = 0; i < capture.size(); i++) {
        if (capture.get(i).equals(name)) {
          if (result.isEmpty()) {
            result = new ArrayList<>(2);
          }
          result.add(new Header(capture.get(i), field.getValue().strip()));
          break;
        }
      }
    }
    return result;
  }

  @Override
  public void onDataAvailable(Stream stream) {
    Stream.Data data = stream.readData();
    if (data == null) {
      stream.demand();
      return;
    }
    ByteBuffer content = data.frame().getByteBuffer();
    int length = content.remaining();
    bodyBytes += length;
    if (kept != BodyCapture.COUNT_ONLY && length > 0) {
      if (content.hasArray()) {
        kept.add(content.array(), content.arrayOffset() + content.position(), length);
      } else {
        byte[] copy = new byte[length];
        content.duplicate().get(copy);
        kept.add(copy, 0, length);
      }
    }
    boolean end = data.frame().isEndStream();
    data.release();
    if (end) {
      finish();
    } else {
      stream.demand();
    }
  }

  @Override
  public void onReset(Stream stream, ResetFrame frame, Callback callback) {
    fail(new IOException("stream reset by the server (HTTP/2 error code " + frame.getError() + ")"));
    callback.succeeded();
  }

  @Override
  public void onFailure(Stream stream, int error, String reason, Throwable x, Callback callback) {
    fail(x);
    callback.succeeded();
  }

  @Override
  public void onClosed(Stream stream) {
    returnPermit();
    // Jetty may close a stream whose last DATA frame still waits to be read: only a close without any response is a
    // failure here; a response cut short fails by onReset/onFailure or, at worst, by the deadline.
    if (status == 0) {
      fail(new EOFException("stream closed before a response"));
    }
  }

  /** Cancels the stream after the deadline passed. */
  void cancel() {
    Stream s = stream;
    if (s != null) {
      s.reset(new ResetFrame(s.getId(), ErrorCode.CANCEL_STREAM_ERROR.code), Callback.NOOP);
    }
    returnPermit();
  }

  boolean notOpened() {
    return notOpened;
  }

  private void returnPermit() {
    if (permitReturned.compareAndSet(false, true)) {
      connection.streams.release();
    }
  }

  private synchronized void finish() {
    if (done.getCount() > 0) {
      done.countDown(); // publishes the fields the callbacks wrote
    }
  }

  private void fail(Throwable x) {
    synchronized (this) {
      if (done.getCount() == 0) {
        return;
      }
      failure = x;
      done.countDown();
    }
  }

  /** After {@link #done}: the response, or the failure as thrown. */
  Response response() throws Throwable {
    Throwable x = failure;
    if (x != null) {
      throw x;
    }
    return new Response(status, bodyBytes, kept.bytes(), firstByteNanos, headers, HttpTransport.HTTP_2);
  }
}
