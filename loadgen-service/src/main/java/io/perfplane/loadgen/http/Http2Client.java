package io.perfplane.loadgen.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.loadgen.engine.HttpTransport;
import io.perfplane.loadgen.plan.HttpSettings;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/2 to one target through Jetty's client: h2 over TLS negotiated by ALPN for https://, h2c with prior knowledge
 * for http:// (no Upgrade dance). All virtual users share at most {@code maxConnections} connections and multiplex
 * their requests as concurrent streams; Jetty opens a further connection only when the open ones carry as many
 * streams as the server allows. Each exchange blocks its calling (virtual) thread until Jetty's selector thread
 * completes it. Jetty's own conveniences that would falsify a load test are off: no redirects, no shared cookie
 * store (the virtual users keep theirs), no Accept-Encoding/decompression (bodies are counted as sent).
 * See docs/adr/0008-http2-client.md for why Jetty.
 */
public final class Http2Client implements HttpTransport {

  /** Slack beyond the deadline before an exchange stops waiting for Jetty to report its own timeout (ms). */
  private static final long GRACE_MS = 1_000;

  private final HttpClient client;
  private final String scheme;
  private final String host;
  private final int port;

  /**
   * Starts a client for the target at {@code baseUrl}; stopped by {@link #close}.
   *
   * @param connectTimeout longest a connection attempt (TCP and TLS) may take
   * @param tls the TLS context (trust, client certificate)
   * @throws IllegalStateException if Jetty does not start
   */
  public Http2Client(String baseUrl, Duration connectTimeout, HttpSettings http, SSLContext tls) {
    URI uri = URI.create(baseUrl);
    this.scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    ClientConnector connector = new ClientConnector();
    connector.setSelectors(1);
    connector.setConnectTimeout(connectTimeout);
    SslContextFactory.Client ssl = new SslContextFactory.Client();
    ssl.setSslContext(tls);
    ssl.setEndpointIdentificationAlgorithm(http.insecureSkipVerify() ? null : "HTTPS");
    connector.setSslContextFactory(ssl);
    HTTP2Client h2 = new HTTP2Client(connector);
    client = new HttpClient(new HttpClientTransportOverHTTP2(h2));
    client.setMaxConnectionsPerDestination(http.maxConnections());
    // Users wait for a stream like for a connection: the engine's own concurrency bounds the queue.
    client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE);
    client.setFollowRedirects(false);
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.getContentDecoderFactories().clear();
    client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "perfplane-loadgen"));
    client.setConnectTimeout(connectTimeout.toMillis());
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP/2 client", e);
    }
  }

  /**
   * Encodes a request for {@link #exchange}: method, target, headers and body, length-prefixed. The authority and
   * Content-Length come from Jetty; a User-Agent header replaces the default one.
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
    long leftNanos = deadlineNanos - ticker.getAsLong();
    if (leftNanos <= 0) {
      throw new HttpTimeoutException("request timeout elapsed before sending");
    }
    EncodedRequest decoded = EncodedRequest.decode(request);
    Request r = client.newRequest(scheme + "://" + host + ":" + port + decoded.pathAndQuery())
        .method(decoded.method())
        .timeout(leftNanos, TimeUnit.NANOSECONDS)
        .headers(fields -> decoded.headers().forEach((name, value) -> {
          if (name.equalsIgnoreCase("User-Agent")) {
            fields.put(name, value);
          } else {
            fields.add(name, value);
          }
        }));
    if (decoded.body().length > 0) {
      r.body(new BytesRequestContent((String) null, decoded.body()));
    }
    Exchange exchange = new Exchange(keep, capture, ticker);
    r.onRequestBegin(exchange).onResponseBegin(exchange).onResponseHeaders(exchange).onResponseContent(exchange)
        .send(exchange);
    try {
      if (!exchange.done.await(leftNanos / 1_000_000 + GRACE_MS, TimeUnit.MILLISECONDS)) {
        r.abort(new TimeoutException("no completion from the HTTP/2 client"));
        throw new HttpTimeoutException("response not complete within the request timeout");
      }
    } catch (InterruptedException e) {
      r.abort(e);
      throw e;
    }
    return exchange.response();
  }

  /** {@link ErrorClassifier#ofFailure}, after {@link Exchange#response} turned Jetty's failures into the JDK's. */
  @Override
  public ErrorKind failureKind(Exception failure) {
    return ErrorClassifier.ofFailure(failure);
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      // stopping anyway: the connections are closed by now or die with the run
    }
  }

  /** One request's callbacks, run on Jetty's threads, and its result, read by the waiting virtual user. */
  private static final class Exchange implements Request.BeginListener,
      org.eclipse.jetty.client.Response.BeginListener, org.eclipse.jetty.client.Response.HeadersListener,
      org.eclipse.jetty.client.Response.ContentListener, org.eclipse.jetty.client.Response.CompleteListener {

    final CountDownLatch done = new CountDownLatch(1);
    private final List<String> capture;
    private final LongSupplier ticker;
    private final BodyCapture body;
    private volatile boolean begun;
    private long firstByteNanos;
    private long bodyBytes;
    private List<Header> headers = List.of();
    private @Nullable Result result;

    Exchange(int keep, List<String> capture, LongSupplier ticker) {
      this.capture = capture;
      this.ticker = ticker;
      this.body = keep == 0 ? BodyCapture.COUNT_ONLY : new BodyCapture(keep);
    }

    @Override
    public void onBegin(Request request) {
      begun = true;
    }

    @Override
    public void onBegin(org.eclipse.jetty.client.Response response) {
      firstByteNanos = ticker.getAsLong();
    }

    @Override
    public void onHeaders(org.eclipse.jetty.client.Response response) {
      if (capture.isEmpty()) {
        return;
      }
      List<Header> captured = null;
      for (HttpField field : response.getHeaders()) {
        String name = field.getLowerCaseName();
        for (int i = 0; i < capture.size(); i++) {
          if (capture.get(i).equals(name)) {
            if (captured == null) {
              captured = new ArrayList<>(2);
            }
            captured.add(new Header(capture.get(i), field.getValue().strip()));
            break;
          }
        }
      }
      if (captured != null) {
        headers = captured;
      }
    }

    @Override
    public void onContent(org.eclipse.jetty.client.Response response, ByteBuffer content) {
      int length = content.remaining();
      bodyBytes += length;
      if (body != BodyCapture.COUNT_ONLY) {
        if (content.hasArray()) {
          body.add(content.array(), content.arrayOffset() + content.position(), length);
        } else {
          byte[] copy = new byte[length];
          content.get(copy);
          body.add(copy, 0, length);
        }
      }
    }

    @Override
    public void onComplete(Result result) {
      this.result = result;
      done.countDown(); // publishes every field written by the callbacks before it
    }

    Response response() throws IOException {
      Result r = result;
      if (r != null && r.isSucceeded()) {
        return new Response(r.getResponse().getStatus(), bodyBytes, body.bytes(), firstByteNanos, headers, HTTP_2);
      }
      Throwable failure = r == null ? new IOException("no result") : r.getFailure();
      throw translate(failure);
    }

    /** Jetty's failures as the JDK exceptions {@link ErrorClassifier} knows. */
    private IOException translate(Throwable failure) {
      String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
      if (causedBy(failure, TimeoutException.class)) {
        IOException timeout = begun ? new HttpTimeoutException("response not complete within the request timeout")
            : new HttpTimeoutException("no stream or connection within the request timeout");
        timeout.initCause(failure);
        return timeout;
      }
      if (!begun && causedBy(failure, SocketTimeoutException.class)) {
        HttpConnectTimeoutException timeout = new HttpConnectTimeoutException("connect timed out: " + message);
        timeout.initCause(failure);
        return timeout;
      }
      if (!begun && (causedBy(failure, ConnectException.class) || causedBy(failure, SSLHandshakeException.class))) {
        return (IOException) new ConnectException("cannot connect: " + message).initCause(failure);
      }
      if (failure instanceof InterruptedIOException interrupted) {
        return interrupted;
      }
      return failure instanceof IOException io ? io : new IOException(message, failure);
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
  }
}
