package io.perfplane.loadgen.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.perfplane.loadgen.engine.HttpTransport;
import io.perfplane.loadgen.plan.HttpSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens each run's transport from its {@code http:} settings: the hand-written {@link Http1Client} for HTTP/1.1
 * (the fastest path, see docs/adr/0008-http2-client.md) and {@link Http2Client} for HTTP/2. With {@code version:
 * auto} an https:// target gets HTTP/2 when a TLS handshake at the start of the run negotiates {@code h2} by ALPN,
 * else HTTP/1.1; an http:// target gets HTTP/1.1 (h2c only when asked for with {@code version: 2}).
 */
public final class HttpTransports implements HttpTransport.Factory {

  private static final Logger log = LoggerFactory.getLogger(HttpTransports.class);

  private final UnaryOperator<@Nullable String> env;

  /** Reads client certificate passwords from the process environment. */
  public HttpTransports() {
    this(System::getenv);
  }

  /** @param env environment lookup for {@code passwordEnv} references */
  public HttpTransports(UnaryOperator<@Nullable String> env) {
    this.env = env;
  }

  @Override
  public HttpTransport open(String baseUrl, Duration connectTimeout) {
    return open(baseUrl, connectTimeout, HttpSettings.DEFAULT);
  }

  /** @throws io.perfplane.loadgen.plan.PlanRejectedException if the client certificate cannot be used */
  @Override
  public HttpTransport open(String baseUrl, Duration connectTimeout, HttpSettings http) {
    URI uri = URI.create(baseUrl);
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    if (http.insecureSkipVerify() && https) {
      log.warn("INSECURE: http.insecureSkipVerify is true: this run accepts ANY TLS certificate and host name from "
          + "{} (no protection against interception). Use it only against test servers.", baseUrl);
    }
    SSLContext tls = TlsContexts.of(http, env);
    boolean verify = !http.insecureSkipVerify();
    return switch (http.version()) {
      case HTTP_1_1 -> new Http1Client(baseUrl, connectTimeout, tls, verify);
      case HTTP_2 -> new Http2Client(baseUrl, connectTimeout, http, tls);
      case AUTO -> https && offersH2(uri, tls, verify, connectTimeout)
          ? new Http2Client(baseUrl, connectTimeout, http, tls)
          : new Http1Client(baseUrl, connectTimeout, tls, verify);
    };
  }

  /** Whether the target's TLS handshake, offered h2 and http/1.1 by ALPN, picks h2. False when it cannot be asked. */
  private static boolean offersH2(URI uri, SSLContext tls, boolean verify, Duration connectTimeout) {
    String host = uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : 443;
    int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), timeoutMs);
      try (SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true)) {
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(verify ? "HTTPS" : null);
        parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(timeoutMs);
        ssl.startHandshake();
        boolean h2 = "h2".equals(ssl.getApplicationProtocol());
        log.info("http.version auto: {}:{} negotiated {}", host, port, h2 ? "HTTP/2 (h2)" : "HTTP/1.1");
        return h2;
      }
    } catch (IOException e) {
      log.info("http.version auto: cannot ask {}:{} for h2 ({}); using HTTP/1.1", host, port, e.toString());
      return false;
    }
  }
}
