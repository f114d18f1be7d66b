package io.perfplane.loadgen.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.loadgen.engine.HttpTransport;
import io.perfplane.loadgen.plan.HttpSettings;
import io.perfplane.loadgen.plan.HttpSettings.Version;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 transport against a real Jetty h2c server that allows only two concurrent streams per connection:
 * request and response as the engine sees them, the stream limit, deadlines and refused connections.
 */
class Http2ClientTest {

  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final Server server = new Server();
  private final Set<String> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private String baseUrl;

  @BeforeEach
  void start() throws Exception {
    HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(new HttpConfiguration());
    h2c.setMaxConcurrentStreams(2);
    ServerConnector connector = new ServerConnector(server, h2c);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        connections.add(String.valueOf(request.getConnectionMetaData().getRemoteSocketAddress()));
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        String body;
        try {
          body = Content.Source.asString(request, StandardCharsets.UTF_8);
          String sleep = Request.extractQueryParameters(request).getValue("sleepMs");
          Thread.sleep(sleep == null ? 20 : Long.parseLong(sleep));
        } finally {
          // Before the response goes out: the client may open its next stream as soon as it has this one's end,
          // which can run this handler again before a decrement placed after the write.
          inFlight.decrementAndGet();
        }
        response.setStatus(Request.getPathInContext(request).equals("/missing") ? 404 : 200);
        response.getHeaders().add("Set-Cookie", "a=1");
        response.getHeaders().add("Set-Cookie", "b=2");
        response.getHeaders().put("X-Echo-Agent", request.getHeaders().get("User-Agent"));
        response.getHeaders().put("X-Echo-Length", String.valueOf(request.getHeaders().get("Content-Length")));
        response.write(true, ByteBuffer.wrap((request.getMethod() + " " + body).getBytes(StandardCharsets.UTF_8)),
            callback);
        return true;
      }
    });
    server.start();
    baseUrl = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private static Http2Client client(String baseUrl, int maxConnections) throws Exception {
    return new Http2Client(baseUrl, Duration.ofSeconds(2),
        new HttpSettings(Version.HTTP_2, false, null, maxConnections), SSLContext.getDefault());
  }

  @Test
  void aPostIsSentWithItsBodyAndTheResponseIsCountedKeptAndCaptured() throws Exception {
    try (Http2Client client = client(baseUrl, 1)) {
      byte[] request = client.encode("POST", "/items?x=1", Map.of("Content-Type", "text/plain"),
          "hello".getBytes(StandardCharsets.UTF_8));
      long start = System.nanoTime();

      HttpTransport.Response response = client.exchange(request, false, start + TIMEOUT_NANOS, 1 << 20,
          List.of("set-cookie", "x-echo-agent", "x-echo-length"), System::nanoTime);

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.protocol()).isSameAs(HttpTransport.HTTP_2);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("POST hello");
      assertThat(response.bodyBytes()).isEqualTo(10);
      assertThat(response.firstByteNanos()).isBetween(start, System.nanoTime());
      assertThat(response.headers()).containsExactly(new HttpTransport.Header("set-cookie", "a=1"),
          new HttpTransport.Header("set-cookie", "b=2"),
          new HttpTransport.Header("x-echo-agent", "perfplane-loadgen"),
          new HttpTransport.Header("x-echo-length", "5"));
    }
  }

  @Test
  void eachRequestIsSentAsEncodedWhetherItsArrayIsReusedOrNew() throws Exception {
    // More distinct requests than the client keeps prepared, interleaved with one array sent again and again
    // (a constant step): every response must echo the body of the array it was sent for, none a cached other one.
    try (Http2Client client = client(baseUrl, 1)) {
      byte[] constant = client.encode("PUT", "/?sleepMs=0", Map.of(), "same".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 150; i++) {
        byte[] fresh = client.encode("POST", "/?sleepMs=0", Map.of(), ("n" + i).getBytes(StandardCharsets.UTF_8));

        assertThat(body(client.exchange(fresh, false, System.nanoTime() + TIMEOUT_NANOS, 1 << 10, List.of(),
            System::nanoTime))).isEqualTo("POST n" + i);
        assertThat(body(client.exchange(constant, false, System.nanoTime() + TIMEOUT_NANOS, 1 << 10, List.of(),
            System::nanoTime))).isEqualTo("PUT same");
      }
    }
  }

  private static String body(HttpTransport.Response response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aBodyNotAskedForIsOnlyCountedAndA404IsAResponse() throws Exception {
    try (Http2Client client = client(baseUrl, 1)) {
      HttpTransport.Response response = client.exchange(client.encode("GET", "/missing", Map.of(), new byte[0]),
          false, System.nanoTime() + TIMEOUT_NANOS, 0, List.of(), System::nanoTime);

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.body()).isNull();
      assertThat(response.bodyBytes()).isEqualTo(4); // "GET "
      assertThat(response.headers()).isEmpty();
      assertThat(response.statusKind()).isEqualTo(ErrorKind.HTTP_STATUS);
    }
  }

  @Test
  void manyUsersShareOneConnectionWithinTheServersStreamLimit() throws Exception {
    try (Http2Client client = client(baseUrl, 1);
        ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
      byte[] request = client.encode("GET", "/", Map.of(), new byte[0]);
      List<Future<HttpTransport.Response>> responses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        responses.add(users.submit(() -> client.exchange(request, false, System.nanoTime() + TIMEOUT_NANOS, 0,
            List.of(), System::nanoTime)));
      }
      for (Future<HttpTransport.Response> response : responses) {
        assertThat(response.get().status()).isEqualTo(200);
      }
    }
    assertThat(connections).hasSize(1);
    assertThat(maxInFlight.get()).as("the server's SETTINGS_MAX_CONCURRENT_STREAMS is 2").isEqualTo(2);
  }

  @Test
  void withMoreConnectionsAllowedAFullConnectionGetsACompanion() throws Exception {
    try (Http2Client client = client(baseUrl, 3);
        ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
      byte[] request = client.encode("GET", "/?sleepMs=100", Map.of(), new byte[0]);
      List<Future<HttpTransport.Response>> responses = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        responses.add(users.submit(() -> client.exchange(request, false, System.nanoTime() + TIMEOUT_NANOS, 0,
            List.of(), System::nanoTime)));
      }
      for (Future<HttpTransport.Response> response : responses) {
        assertThat(response.get().status()).isEqualTo(200);
      }
    }
    assertThat(connections).hasSizeBetween(2, 3);
  }

  @Test
  void aResponseLateForItsDeadlineIsATimeoutAndTheStreamIsFreedForTheNext() throws Exception {
    try (Http2Client client = client(baseUrl, 1)) {
      long start = System.nanoTime();
      Exception late = catchException(() -> client.exchange(client.encode("GET", "/?sleepMs=1000", Map.of(),
          new byte[0]), false, start + TimeUnit.MILLISECONDS.toNanos(150), 0, List.of(), System::nanoTime));

      assertThat(client.failureKind(late)).isEqualTo(ErrorKind.TIMEOUT);
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(900));
      for (int i = 0; i < 3; i++) { // more than the two streams the server allows: cancelled ones were returned
        assertThat(client.exchange(client.encode("GET", "/", Map.of(), new byte[0]), false,
            System.nanoTime() + TIMEOUT_NANOS, 0, List.of(), System::nanoTime).status()).isEqualTo(200);
      }
    }
  }

  @Test
  void aRefusedConnectionIsAConnectError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Http2Client client = client("http://127.0.0.1:" + closedPort, 1)) {
      Exception refused = catchException(() -> client.exchange(client.encode("GET", "/", Map.of(), new byte[0]),
          false, System.nanoTime() + TIMEOUT_NANOS, 0, List.of(), System::nanoTime));

      assertThat(client.failureKind(refused)).isEqualTo(ErrorKind.CONNECT);
    }
  }
}
