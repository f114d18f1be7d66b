package io.perfplane.launcher.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.perfplane.launcher.stack.RunningStack;
import io.perfplane.launcher.stack.StackFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest command against a stand-in HTTP server that records what it received. */
class IngestCommandTest {

  @TempDir
  Path dir;

  private HttpServer server;
  private final List<String> received = new ArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(200);

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " | "
          + exchange.getRequestHeaders().getFirst("Authorization") + " | "
          + exchange.getRequestHeaders().getFirst("Content-Type") + " | "
          + exchange.getRequestHeaders().getFirst("Content-Encoding") + " | "
          + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " | "
          + new String(body, StandardCharsets.UTF_8));
      byte[] reply = "{\"accepted\":2}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.get(), reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void streamsTheFileWithTheFormatsHeadersAndAStableKey() throws Exception {
    Path file = Files.writeString(dir.resolve("results.json"), "line1\nline2\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int first = run(out, "k6", file.toString(), "--run", "run 1", "--token", "s3cret");
    int again = run(out, "k6", file.toString(), "--run", "run 1", "--token", "s3cret");

    assertThat(first).isZero();
    assertThat(again).isZero();
    assertThat(received).hasSize(2);
    String[] parts = received.get(0).split(" \\| ");
    assertThat(parts[0]).isEqualTo("POST /ingest/k6?runId=run+1&file=results.json");
    assertThat(parts[1]).isEqualTo("Bearer s3cret");
    assertThat(parts[2]).isEqualTo("application/x-ndjson");
    assertThat(parts[3]).isEqualTo("null");
    assertThat(parts[4]).startsWith("cli-");
    assertThat(parts[5]).isEqualTo("line1\nline2\n");
    // Same command, same key: the service answers the second from its receipt.
    assertThat(received.get(1).split(" \\| ")[4]).isEqualTo(parts[4]);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("sent ").contains("(100%)").contains("HTTP 200").doesNotContain("s3cret");
  }

  @Test
  void gzipFilesAreSentAsGzipAndRejectionsExitWith3() throws Exception {
    Path file = Files.write(dir.resolve("results.jtl.gz"), new byte[] {1, 2, 3});
    answer.set(422);

    int code = run(new ByteArrayOutputStream(), "jmeter", file.toString(), "--run", "r", "--idempotency-key",
        "k-1");

    assertThat(code).isEqualTo(IngestCommand.PARTIAL);
    String[] parts = received.get(0).split(" \\| ");
    assertThat(parts[2]).isEqualTo("text/csv");
    assertThat(parts[3]).isEqualTo("gzip");
    assertThat(parts[4]).isEqualTo("k-1");
  }

  @Test
  void aPartOfAMultiPartImportIsSentWithFinalFalseAndTheTestName() throws Exception {
    Path file = Files.writeString(dir.resolve("gen-1.log"), "x\n");

    run(new ByteArrayOutputStream(), "gatling", file.toString(), "--run", "r", "--part", "--test", "checkout peak",
        "--target-service", "shop api");

    assertThat(received.get(0).split(" \\| ")[0]).isEqualTo(
        "POST /ingest/gatling?runId=r&final=false&file=gen-1.log&test=checkout+peak&targetService=shop+api");
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    Path file = Files.writeString(dir.resolve("r.log"), "x");
    Map<String, String> env = Map.of("PERFPLANE_INGEST_TOKEN", "t");

    assertThatThrownBy(() -> IngestCommand.parse(new String[] {"locust", file.toString(), "--run", "r"}, env))
        .hasMessageContaining("locust");
    assertThatThrownBy(() -> IngestCommand.parse(new String[] {"k6", file.toString()}, env))
        .hasMessageContaining("--run");
    assertThatThrownBy(() -> IngestCommand.parse(new String[] {"k6", dir.resolve("none").toString(), "--run", "r"},
        env)).hasMessageContaining("cannot read");
    assertThatThrownBy(() -> IngestCommand.parse(new String[] {"k6", file.toString(), "--run", "r"}, Map.of()))
        .hasMessageContaining("token");
    assertThat(IngestCommand.parse(new String[] {"gatling", file.toString(), "--run", "r"}, env).url())
        .hasToString("http://localhost:8082");
    assertThat(IngestCommand.run(new String[] {"k6"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), env)).isEqualTo(2);
  }

  private RunningStack stack(String ingestUrl) {
    return new RunningStack(new StackFile(StackFile.VERSION, ProcessHandle.current().pid(), "2026-12-07T02:00:00Z",
        "127.0.0.1:9092", Map.of("ingest-service", ingestUrl), dir.resolve("credentials").toString(),
        dir.toString()), "stack-token");
  }

  @Test
  void withARunningStackNoUrlOrTokenIsTyped() throws Exception {
    Path file = Files.writeString(dir.resolve("results.json"), "line1\n");
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    int code = IngestCommand.run(new String[] {"k6", file.toString(), "--run", "r"}, quiet, quiet, Map.of(),
        stack(url));

    assertThat(code).isZero();
    assertThat(received).singleElement().satisfies(r -> assertThat(r.split(" \\| ")[1])
        .isEqualTo("Bearer stack-token"));
  }

  @Test
  void theStacksTokenIsNeverSentToAnotherServer() throws Exception {
    Path file = Files.writeString(dir.resolve("results.json"), "line1\n");
    RunningStack stack = stack("http://127.0.0.1:1");

    assertThatThrownBy(() -> IngestCommand.parse(new String[] {"k6", file.toString(), "--run", "r", "--url",
        "http://elsewhere.test:8082"}, Map.of(), stack)).hasMessageContaining("token");
    assertThat(IngestCommand.parse(new String[] {"k6", file.toString(), "--run", "r"}, Map.of(), stack).token())
        .isEqualTo("stack-token");
    assertThat(IngestCommand.parse(new String[] {"k6", file.toString(), "--run", "r", "--token", "mine"}, Map.of(),
        stack).token()).isEqualTo("mine");
  }

  private int run(ByteArrayOutputStream out, String... args) {
    String[] withUrl = new String[args.length + 2];
    System.arraycopy(args, 0, withUrl, 0, args.length);
    withUrl[args.length] = "--url";
    withUrl[args.length + 1] = "http://127.0.0.1:" + server.getAddress().getPort();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    return IngestCommand.run(withUrl, print, print, Map.of("PERFPLANE_INGEST_TOKEN", "t"));
  }
}
