package io.perfplane.loadgen.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.loadgen.engine.HttpTransport;
import io.perfplane.loadgen.plan.HttpSettings;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/2 to one target on Jetty's low-level HTTP/2 client (sessions and streams, without Jetty's {@code HttpClient}
 * request machinery, which cost 25 % more CPU and 80 % more allocation per request in the throughput benchmark;
 * docs/adr/0008-http2-client.md): h2 over TLS negotiated by ALPN
 * for https://, h2c with prior knowledge for http:// (no Upgrade). All virtual users share at most
 * {@code maxConnections} connections and multiplex their requests as concurrent streams: a further connection opens
 * only when every open one carries as many streams as its server allows; beyond that a user waits for a stream
 * until its deadline. Each exchange blocks its calling (virtual) thread until Jetty's selector thread completes it.
 * No redirects, no cookie store (the virtual users keep theirs), no decompression.
 */
final class Http2Client implements HttpTransport {

  /** Slots of the prepared-request cache; a power of two. */
  private static final int CACHED = 64;

  private final HTTP2Client h2;
  private final SslContextFactory.@Nullable Client tls;
  private final InetSocketAddress address;
  private final String scheme;
  private final String host;
  private final int port;
  private final int maxConnections;
  private final CopyOnWriteArrayList<H2Connection> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  /** The connection being opened, which every user finding no free stream waits for; null when none is. */
  private @Nullable CompletableFuture<H2Connection> opening;
  private volatile boolean closed;
  /** Recently sent requests in Jetty's form, by the identity of their encoded array ({@link #prepared}). */
  private final AtomicReferenceArray<Prepared> recent = new AtomicReferenceArray<>(CACHED);

  /**
   * Starts a client for the target at {@code baseUrl}; stopped by {@link #close}.
   *
   * @param connectTimeout longest a connection attempt (TCP and TLS) may take
   * @param tls the TLS context (trust, client certificate), used for https:// targets
   * @throws IllegalStateException if Jetty does not start
   */
  Http2Client(String baseUrl, Duration connectTimeout, HttpSettings http, SSLContext tls) {
    URI uri = URI.create(baseUrl);
    this.scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    this.address = new InetSocketAddress(host, port);
    this.maxConnections = http.maxConnections();
    ClientConnector connector = new ClientConnector();
    connector.setSelectors(1);
    // No reserved threads: Jetty's selector then parses the frames and runs our (non-blocking) stream listeners
    // itself, instead of handing every read to a reserved thread (a wake-up and a context switch per read).
    QueuedThreadPool pool = new QueuedThreadPool();
    pool.setName("loadgen-h2");
    pool.setReservedThreads(0);
    connector.setExecutor(pool);
    connector.setConnectTimeout(connectTimeout);
    connector.setIdleTimeout(Duration.ofMinutes(5));
    SslContextFactory.Client ssl = new SslContextFactory.Client();
    ssl.setSslContext(tls);
    ssl.setEndpointIdentificationAlgorithm(http.insecureSkipVerify() ? null : "HTTPS");
    connector.setSslContextFactory(ssl);
    this.tls = scheme.equals("https") ? ssl : null;
    this.h2 = new HTTP2Client(connector);
    // SETTINGS_HEADER_TABLE_SIZE 0: the server sends its response headers without HPACK's dynamic table, which
    // nginx otherwise fills and evicts on every response (a hash-map insert and removal per header in the decoder).
    h2.setMaxDecoderTableCapacity(0);
    try {
      h2.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP/2 client", e);
    }
  }

  /**
   * Encodes a request for {@link #exchange}: method, target, headers and body, length-prefixed
   * ({@link EncodedRequest}). The authority comes from the target, Content-Length from the body.
   *
   * @throws IllegalArgumentException if a header name or value contains CR or LF
   */
  @Override
  public byte[] encode(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      String value = header.getValue();
      if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header " + name + " contains CR or LF");
      }
    }
    return EncodedRequest.encode(method, pathAndQuery, headers, body);
  }

  @Override
  public Response exchange(byte[] request, boolean head, long deadlineNanos, int keep, List<String> capture,
      LongSupplier ticker) throws IOException, InterruptedException {
    Prepared prepared = prepared(request);
    MetaData.Request meta = prepared.meta();
    byte[] body = prepared.body();
    while (true) {
      H2Connection connection = acquire(deadlineNanos, ticker);
      H2Exchange exchange = new H2Exchange(connection, body, keep, capture, ticker);
      connection.session.newStream(new HeadersFrame(meta, null, body == null), exchange, exchange);
      long leftNanos = deadlineNanos - ticker.getAsLong();
      if (leftNanos <= 0 || !exchange.done.await(leftNanos, TimeUnit.NANOSECONDS)) {
        exchange.cancel();
        throw new HttpTimeoutException("response not complete within the request timeout");
      }
      try {
        return exchange.response();
      } catch (IllegalStateException e) {
        // Jetty's own count of open streams lagged ours by a just-closed stream: take another.
        if (!exchange.notOpened()) {
          throw new IOException(e);
        }
      } catch (IOException e) {
        if (exchange.notOpened() && !connection.usable()) {
          continue; // the connection went away before the stream opened: nothing was sent, try another
        }
        throw e;
      } catch (Throwable e) {
        throw new IOException(e);
      }
    }
  }

  /**
   * The request's Jetty form, from the cache when the engine passes the same array again (a constant step hands
   * over one array per step for the whole run): decoding it and building the header fields and URI per request
   * showed in the profile as the virtual user's largest own cost. A request built per iteration (variables, cookies) just replaces
   * the slot it hashes to, so the cache holds at most {@value #CACHED} requests.
   */
  private Prepared prepared(byte[] request) {
    int slot = System.identityHashCode(request) & (CACHED - 1);
    Prepared cached = recent.get(slot);
    if (cached != null && cached.key() == request) {
      return cached;
    }
    EncodedRequest decoded = EncodedRequest.decode(request);
    HttpFields.Mutable fields = HttpFields.build(decoded.headers().size() + 2);
    boolean userAgent = false;
    for (Map.Entry<String, String> header : decoded.headers().entrySet()) {
      userAgent |= header.getKey().equalsIgnoreCase("User-Agent");
      fields.add(header.getKey(), header.getValue());
    }
    if (!userAgent) {
      fields.add(HttpHeader.USER_AGENT, "perfplane-loadgen");
    }
    byte[] body = decoded.body().length > 0 ? decoded.body() : null;
    if (body != null || decoded.method().equals("POST") || decoded.method().equals("PUT")
        || decoded.method().equals("PATCH")) {
      fields.put(HttpHeader.CONTENT_LENGTH, Integer.toString(decoded.body().length));
    }
    MetaData.Request meta = new MetaData.Request(decoded.method(),
        HttpURI.from(scheme, host, port, decoded.pathAndQuery()), HttpVersion.HTTP_2, fields.asImmutable());
    Prepared fresh = new Prepared(request, meta, body);
    recent.set(slot, fresh);
    return fresh;
  }

  /** A request ready for Jetty; {@code body} null when there is none. Shared by the users sending it: read-only. */
  private record Prepared(byte[] key, MetaData.Request meta, byte @Nullable [] body) {
  }

  /** A connection with a stream permit taken, connecting when all open ones are full and the limit allows. */
  private H2Connection acquire(long deadlineNanos, LongSupplier ticker) throws IOException, InterruptedException {
    while (true) {
      int open = connections.size();
      int start = next.getAndIncrement() & Integer.MAX_VALUE;
      for (int i = 0; i < open; i++) {
        H2Connection c = connections.get((start + i) % open);
        if (c.usable() && c.streams.tryAcquire()) {
          return c;
        }
      }
      connections.removeIf(c -> !c.usable());
      long leftNanos = deadlineNanos - ticker.getAsLong();
      if (leftNanos <= 0) {
        throw open == 0 ? new HttpConnectTimeoutException("no connection within the request timeout")
            : new HttpTimeoutException("no free stream within the request timeout");
      }
      CompletableFuture<H2Connection> connecting = connecting();
      if (connecting != null) {
        H2Connection c = await(connecting, leftNanos);
        if (c.streams.tryAcquire()) {
          return c;
        }
      } else if (!connections.isEmpty()) {
        // All connections allowed are open and full: wait for a stream on one of them.
        H2Connection c = connections.get(start % connections.size());
        if (c.streams.tryAcquire(Math.min(leftNanos, TimeUnit.MILLISECONDS.toNanos(5)), TimeUnit.NANOSECONDS)) {
          if (c.usable()) {
            return c;
          }
          c.streams.release();
        }
      }
    }
  }

  /** The connection being opened (starting one when below the limit), or null when at the limit. */
  private synchronized @Nullable CompletableFuture<H2Connection> connecting() throws IOException {
    if (closed) {
      throw new IOException("transport closed");
    }
    if (opening != null) {
      return opening;
    }
    if (connections.size() >= maxConnections) {
      return null;
    }
    H2Connection connection = new H2Connection();
    CompletableFuture<H2Connection> future = (tls == null ? h2.connect(address, connection)
        : h2.connect(tls, address, connection))
        .thenCompose(session -> {
          connection.session = session;
          return connection.ready;
        })
        .handle((ready, failure) -> {
          synchronized (this) {
            opening = null;
            if (failure == null) {
              connections.add(connection); // before any waiter wakes up: it must find it
            }
          }
          if (failure != null) {
            throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
          }
          return connection;
        });
    if (!future.isDone()) {
      opening = future;
    }
    return future;
  }

  private static H2Connection await(CompletableFuture<H2Connection> connecting, long leftNanos)
      throws IOException, InterruptedException {
    try {
      return connecting.get(leftNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new HttpConnectTimeoutException("connect did not complete within the request timeout");
    } catch (ExecutionException e) {
      throw connectFailure(e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
          ? c.getCause() : e.getCause());
    }
  }

  /** A failed connection attempt as the JDK exceptions {@link ErrorClassifier} reads as CONNECT. */
  private static IOException connectFailure(Throwable failure) {
    String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (causedBy(failure, SocketTimeoutException.class) || causedBy(failure, TimeoutException.class)) {
      HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("connect timed out: " + message);
      timeout.initCause(failure);
      return timeout;
    }
    if (causedBy(failure, ConnectException.class) || causedBy(failure, SSLHandshakeException.class)
        || causedBy(failure, java.net.UnknownHostException.class)) {
      return (IOException) new ConnectException("cannot connect: " + message).initCause(failure);
    }
    return (IOException) new ConnectException("cannot open an HTTP/2 connection: " + message).initCause(failure);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (type.isInstance(current)) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }

  /** {@link ErrorClassifier#ofFailure}: this client's failures are the JDK's exceptions or Jetty's I/O ones. */
  @Override
  public ErrorKind failureKind(Exception failure) {
    return ErrorClassifier.ofFailure(failure);
  }

  @Override
  public void close() {
    closed = true;
    try {
      h2.stop();
    } catch (Exception e) {
      // stopping anyway: the connections die with the run
    }
  }
}
