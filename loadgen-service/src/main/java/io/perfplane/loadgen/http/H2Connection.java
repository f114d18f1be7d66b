package io.perfplane.loadgen.http;

import java.io.EOFException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 connection of {@link Http2Client}: its Jetty session and a permit per stream the server lets it open
 * (its {@code SETTINGS_MAX_CONCURRENT_STREAMS}, at most {@value #MAX_STREAMS}). Usable from the server's first
 * SETTINGS frame on ({@link #ready}), until it goes away or fails.
 */
final class H2Connection implements Session.Listener {

  /** Streams per connection when the server sets no limit (RFC 9113: "unlimited"). */
  static final int MAX_STREAMS = 1_000;

  /** A semaphore whose permits can also be taken away, when the server lowers its limit. */
  static final class Permits extends Semaphore {
    Permits() {
      super(0);
    }

    void reduce(int by) {
      reducePermits(by);
    }
  }

  final Permits streams = new Permits();
  /** Completes with the server's first SETTINGS frame; fails when the connection dies before it. */
  final CompletableFuture<Void> ready = new CompletableFuture<>();
  private int limit;
  volatile @Nullable Session session;
  private volatile boolean closed;

  boolean usable() {
    Session s = session;
    return !closed && s != null && !s.isClosed();
  }

  @Override
  public void onSettings(Session session, SettingsFrame frame) {
    if (frame.isReply()) {
      return;
    }
    Integer max = frame.getSettings().get(SettingsFrame.MAX_CONCURRENT_STREAMS);
    synchronized (this) {
      int next = max == null ? (ready.isDone() ? limit : MAX_STREAMS) : Math.min(max, MAX_STREAMS);
      if (next > limit) {
        streams.release(next - limit);
      } else if (next < limit) {
        streams.reduce(limit - next);
      }
      limit = next;
    }
    ready.complete(null);
  }

  @Override
  public void onGoAway(Session session, GoAwayFrame frame) {
    gone();
  }

  @Override
  public void onClose(Session session, GoAwayFrame frame, Callback callback) {
    gone();
    callback.succeeded();
  }

  @Override
  public void onFailure(Session session, Throwable failure, Callback callback) {
    gone();
    callback.succeeded();
  }

  @Override
  public boolean onIdleTimeout(Session session) {
    gone();
    return true;
  }

  private void gone() {
    closed = true;
    ready.completeExceptionally(new EOFException("HTTP/2 connection closed before its SETTINGS"));
  }
}
