package io.perfplane.launcher.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.perfplane.launcher.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runs} and {@code report} against a stand-in analyzer and cost-service recorded as the running stack. */
class RunsCommandTest {

  @TempDir
  Path home;

  private HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      authorizations.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders()
          .getFirst("Authorization"));
      String path = exchange.getRequestURI().getPath();
      String body = switch (path) {
        case "/runs" -> "[{\"runId\":\"r 1\",\"requests\":300,\"errors\":3,\"finished\":true,"
            + "\"startedAtUs\":1762037640000000,\"source\":\"k6\"}]";
        case "/runs/r 1" -> "{\"durationMs\":59800,\"p95Ms\":412.2,\"breaches\":[{},{}],"
            + "\"slos\":[{\"held\":false}]}";
        case "/runs/r 1/report.html" -> "<!DOCTYPE html><html><body><h1>r 1</h1></body></html>";
        case "/estimates" -> "[]";
        default -> null;
      };
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void recordStack() throws Exception {
    Path work = Files.createDirectories(home.resolve(".perfplane"));
    Path credentials = Files.writeString(work.resolve("credentials"), "stack-token\n");
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    Files.writeString(work.resolve("stack.json"), "{\"version\":1,\"pid\":" + ProcessHandle.current().pid()
        + ",\"startedAt\":\"2026-12-07T02:00:00Z\",\"kafka\":\"127.0.0.1:1\",\"services\":{\"analyzer-service\":\""
        + url + "\",\"cost-service\":\"" + url + "\"},\"credentials\":\"" + credentials + "\",\"logs\":\"" + work
        + "\"}");
  }

  @Test
  void runsListsTheAnalyzersRunsWithTheStacksToken() throws Exception {
    recordStack();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = RunsCommand.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream()), home);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(2).last().asString()
        .startsWith("r 1 ").contains(" k6 ", "2025-11-01 22:54:00", "0:59", "300", "1.00%", "412 ms",
            "FAILED, 2 breaches");
    assertThat(authorizations).isNotEmpty().allSatisfy(a -> assertThat(a).endsWith(" Bearer stack-token"));
  }

  @Test
  void reportSavesTheHtmlWhereAsked() throws Exception {
    recordStack();
    Path file = home.resolve("out/r1.html");

    int code = ReportCommand.run(new String[] {"r 1", "-o", file.toString()},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), home);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(file)).contains("<h1>r 1</h1>");
  }

  @Test
  void anUnknownRunOrNoStackIsAnErrorAndNoRunIdIsAUsageError() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(RunsCommand.run(new String[0], quiet, new PrintStream(err, true, StandardCharsets.UTF_8), home))
        .isEqualTo(ExitCodes.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("perfplane up");

    recordStack();
    assertThat(ReportCommand.run(new String[] {"nope"}, quiet, quiet, home)).isEqualTo(ExitCodes.ERROR);
    assertThat(ReportCommand.run(new String[0], quiet, quiet, home)).isEqualTo(ExitCodes.USAGE);
    assertThat(RunsCommand.run(new String[] {"--all"}, quiet, quiet, home)).isEqualTo(ExitCodes.USAGE);
  }
}
