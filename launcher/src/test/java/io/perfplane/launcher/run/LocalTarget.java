package io.perfplane.launcher.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A system under test of known behaviour for the pipeline ITs: a JDK HTTP server on loopback, a virtual thread per
 * exchange.
 */
record LocalTarget(HttpServer server) implements AutoCloseable {

  /** Serves every path with {@code handler} on a free port. */
  static LocalTarget start(HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", handler);
    server.start();
    return new LocalTarget(server);
  }

  /** {@code http://127.0.0.1:<port>}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
