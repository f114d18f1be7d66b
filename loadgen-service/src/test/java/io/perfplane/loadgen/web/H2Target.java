package io.perfplane.loadgen.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A real HTTP/2 target (Jetty server): one h2c port (prior knowledge), one TLS port offering h2 and http/1.1 by
 * ALPN, and one TLS port that needs a client certificate, all with a self-signed certificate made by the JDK's
 * keytool. Per run (header {@code X-Run}) it records the TCP connections it served, the protocols and the most
 * streams one connection had in flight at once. {@code GET /token} answers a token header and a session cookie;
 * {@code GET /work} takes 20 ms and answers 401 unless it gets both back.
 */
final class H2Target implements AutoCloseable {

  static final String PASSWORD = "changeit";

  /** What one run did to the target. */
  static final class Stats {
    final Set<String> connections = ConcurrentHashMap.newKeySet();
    final Set<String> protocols = ConcurrentHashMap.newKeySet();
    final AtomicInteger maxConcurrentStreams = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  }

  private final Map<String, Stats> runs = new ConcurrentHashMap<>();
  private final Server server = new Server();
  private final ServerConnector h2c;
  private final ServerConnector tls;
  private final ServerConnector mutualTls;
  /** The client's PKCS#12 key store, trusted by the mutual-TLS port. */
  final Path clientKeystore;

  H2Target(Path dir) throws Exception {
    Path serverKeystore = dir.resolve("server.p12");
    clientKeystore = dir.resolve("client.p12");
    Path trust = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", serverKeystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=perfplane-loadgen", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", clientKeystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    Path clientCert = dir.resolve("client.crt");
    keytool("-exportcert", "-alias", "client", "-keystore", clientKeystore.toString(), "-storepass", PASSWORD,
        "-file", clientCert.toString());
    keytool("-importcert", "-noprompt", "-alias", "client", "-file", clientCert.toString(), "-storetype", "PKCS12",
        "-keystore", trust.toString(), "-storepass", PASSWORD);

    HttpConfiguration config = new HttpConfiguration();
    h2c = new ServerConnector(server, new HTTP2CServerConnectionFactory(config));
    tls = tlsConnector(config, serverKeystore, null);
    mutualTls = tlsConnector(config, serverKeystore, trust);
    server.addConnector(h2c);
    server.addConnector(tls);
    server.addConnector(mutualTls);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        serve(request, response, callback);
        return true;
      }
    });
    server.start();
  }

  private ServerConnector tlsConnector(HttpConfiguration config, Path keystore, Path trust) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(keystore.toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(PASSWORD);
    if (trust != null) {
      ssl.setTrustStorePath(trust.toString());
      ssl.setTrustStoreType("PKCS12");
      ssl.setTrustStorePassword(PASSWORD);
      ssl.setNeedClientAuth(true);
    }
    HttpConnectionFactory http1 = new HttpConnectionFactory(config);
    HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(config);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
    alpn.setDefaultProtocol(http1.getProtocol());
    return new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, http2, http1);
  }

  private void serve(Request request, Response response, Callback callback) throws InterruptedException {
    Stats stats = stats(String.valueOf(request.getHeaders().get("X-Run")));
    String connection = String.valueOf(request.getConnectionMetaData().getRemoteSocketAddress());
    stats.connections.add(connection);
    stats.protocols.add(request.getConnectionMetaData().getHttpVersion().asString());
    String token = "t-" + Integer.toHexString(stats.hashCode());
    int status = 200;
    if (Request.getPathInContext(request).equals("/token")) {
      response.getHeaders().put("X-Token", token);
      response.getHeaders().put("Set-Cookie", "sid=s-" + token + "; Path=/");
    } else {
      AtomicInteger inFlight = stats.inFlight.computeIfAbsent(connection, c -> new AtomicInteger());
      int now = inFlight.incrementAndGet();
      stats.maxConcurrentStreams.accumulateAndGet(now, Math::max);
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } finally {
        inFlight.decrementAndGet();
      }
      String cookie = request.getHeaders().get("Cookie");
      if (!("Bearer " + token).equals(request.getHeaders().get("Authorization"))
          || cookie == null || !cookie.contains("sid=s-" + token)) {
        status = 401;
      }
    }
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    response.write(true, ByteBuffer.wrap("{\"ok\":true}".getBytes(StandardCharsets.UTF_8)), callback);
  }

  Stats stats(String run) {
    return runs.computeIfAbsent(run, r -> new Stats());
  }

  String h2cUrl() {
    return "http://127.0.0.1:" + h2c.getLocalPort();
  }

  String tlsUrl() {
    return "https://127.0.0.1:" + tls.getLocalPort();
  }

  String mutualTlsUrl() {
    return "https://127.0.0.1:" + mutualTls.getLocalPort();
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  static Path passwordFile(Path dir) throws IOException {
    return Files.writeString(dir.resolve("client.pass"), PASSWORD + "\n");
  }
}
