package io.perfplane.launcher.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.perfplane.launcher.CommandLine;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.stack.RunningStack;

/**
 * {@code perfplane ingest <format> <file> --run <id> [--url URL] [--token TOKEN] [--idempotency-key KEY]}: streams
 * the file to {@code POST <url>/ingest/<format>?runId=<id>} (never reading it whole), printing a progress line, then
 * the service's answer. The key defaults to a digest of the format, run, file path, size and modification time, so
 * re-running the same command after a failure or a timeout never counts the file twice.
 */
public final class IngestCommand {

  /** Usage text, appended to the launcher's. */
  public static final String USAGE = """
      usage: perfplane ingest <format> <file> --run <runId> [--url URL] [--token TOKEN] [--idempotency-key KEY]
                              [--part] [--test NAME] [--target-service NAME]

        Streams a load-test result file to ingest-service (which must be running: `perfplane up` starts one) and
        prints its answer.
        format: native | k6 (k6 --out json) | k6-summary | jmeter (JTL CSV) | gatling (simulation.log)
        A file ending in .gz is sent gzip-compressed as it is.

        --run ID              run the results belong to (required)
        --url URL             ingest-service base URL (default $PERFPLANE_INGEST_URL, else the running stack's
                              (perfplane up), else http://localhost:8082)
        --token TOKEN         bearer token (default $PERFPLANE_INGEST_TOKEN, else the running stack's for its URL)
        --idempotency-key K   default: derived from format, run, file path, size and mtime
        --part                not the last file of the run: the analyzer keeps the run open (send the last
                              file without --part, after the others completed)
        --test NAME           test name recorded on the run
        --target-service NAME the system under test, named on the capacity event and the cost estimates

      exit codes: 0 every line accepted, 3 some lines rejected (listed), 1 error, 2 usage
      """;

  /** Some lines were rejected; the valid ones were stored. */
  static final int PARTIAL = 3;
  private static final int OK = 0;
  private static final int ERROR = 1;
  private static final List<String> FORMATS = List.of("native", "k6", "k6-summary", "jmeter", "gatling");
  private static final Map<String, String> CONTENT_TYPES = Map.of("native", "application/x-ndjson",
      "k6", "application/x-ndjson", "k6-summary", "application/json", "jmeter", "text/csv", "gatling", "text/plain");

  private IngestCommand() {
  }

  /**
   * @param args the arguments after {@code ingest}
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, out, err, env, null);
  }

  /**
   * @param args the arguments after {@code ingest}
   * @param stack the stack {@code perfplane up} runs, whose ingest-service and token are the defaults; or null
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
      @org.jspecify.annotations.Nullable RunningStack stack) {
    // ingest's parse never asks for help (null): options is null only after a usage error.
    CommandLine.Parsed<IngestOptions> parsed = CommandLine.parse("ingest", USAGE, out, err,
        () -> parse(args, env, stack));
    IngestOptions options = parsed.options();
    if (options == null) {
      return parsed.exitCode();
    }
    try {
      return send(options, out, err);
    } catch (IOException e) {
      err.println("\nperfplane ingest: cannot reach " + options.url() + ": " + e);
      return ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ERROR;
    }
  }

  static IngestOptions parse(String[] args, Map<String, String> env) {
    return parse(args, env, null);
  }

  /**
   * The URL is {@code --url}, else {@code $PERFPLANE_INGEST_URL}, else the running stack's, else localhost:8082; the
   * token {@code --token}, else {@code $PERFPLANE_INGEST_TOKEN}, else the stack's, but only when the URL is the
   * stack's: its secret is never sent to another server.
   */
  static IngestOptions parse(String[] args, Map<String, String> env,
      @org.jspecify.annotations.Nullable RunningStack stack) {
    if (args.length < 2) {
      throw new IllegalArgumentException("needs a format and a file");
    }
    String format = args[0];
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("unknown format '" + format + "', expected one of " + FORMATS);
    }
    Path file = Path.of(args[1]);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read file " + file);
    }
    String runId = null;
    String stackUrl = stack == null ? null : stack.file().uri(Service.INGEST).map(URI::toString).orElse(null);
    String url = env.getOrDefault("PERFPLANE_INGEST_URL", stackUrl != null ? stackUrl : "http://localhost:8082");
    String token = env.get("PERFPLANE_INGEST_TOKEN");
    String key = null;
    boolean finalPart = true;
    String testName = null;
    String targetService = null;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--run" -> runId = value(args, ++i, "--run");
        case "--url" -> url = value(args, ++i, "--url");
        case "--token" -> token = value(args, ++i, "--token");
        case "--idempotency-key" -> key = value(args, ++i, "--idempotency-key");
        case "--part" -> finalPart = false;
        case "--test" -> testName = value(args, ++i, "--test");
        case "--target-service" -> targetService = value(args, ++i, "--target-service");
        default -> throw CommandLine.unknownOption(args[i]);
      }
    }
    if (runId == null) {
      throw new IllegalArgumentException("--run is required");
    }
    if ((token == null || token.isBlank()) && stack != null && stripSlash(url).equals(stackUrl)) {
      token = stack.token();
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a token is required: --token or PERFPLANE_INGEST_TOKEN (or a stack"
          + " started with `perfplane up`)");
    }
    URI base;
    try {
      base = URI.create(stripSlash(url));
      if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
        throw new IllegalArgumentException("--url must be an http(s) URL: " + url);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--url must be an http(s) URL: " + url);
    }
    return new IngestOptions(format, file, runId, base, token, key != null ? key : defaultKey(format, runId, file),
        finalPart, testName, targetService);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** {@code final}, the file name and the test name, which label the run on its STARTED event. */
  private static String query(IngestOptions options) {
    StringBuilder query = new StringBuilder();
    if (!options.finalPart()) {
      query.append("&final=false");
    }
    String fileName = options.file().getFileName().toString();
    if (fileName.matches("[\\x20-\\x7e]{1,200}")) { // the service takes printable ASCII names only
      query.append("&file=").append(URLEncoder.encode(fileName, StandardCharsets.UTF_8));
    }
    if (options.testName() != null) {
      query.append("&test=").append(URLEncoder.encode(options.testName(), StandardCharsets.UTF_8));
    }
    if (options.targetService() != null) {
      query.append("&targetService=").append(URLEncoder.encode(options.targetService(), StandardCharsets.UTF_8));
    }
    return query.toString();
  }

  private static int send(IngestOptions options, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    HttpResponse<String> response = post(options, out);
    int status = response.statusCode();
    boolean replayed = response.headers().firstValue("Idempotent-Replayed").isPresent();
    (status == 200 ? out : err).println("HTTP " + status + (replayed ? " (already ingested with this key: nothing "
        + "counted twice)" : "") + ": " + response.body());
    if (status == 200) {
      return OK;
    }
    return status == 422 ? PARTIAL : ERROR;
  }

  /**
   * One upload's answer.
   *
   * @param status HTTP status (200 all accepted, 422 some lines rejected and the valid ones stored, else refused)
   * @param body the service's JSON answer (counts, or problem+json)
   */
  public record Answer(int status, String body) {
  }

  /**
   * Streams one result file to ingest-service with a progress line, as {@code perfplane ingest} does; used by
   * {@code perfplane analyze}. The idempotency key is derived from the format, run and file.
   *
   * @param format native, k6, k6-summary, jmeter or gatling
   * @param finalPart whether this upload completes the run
   */
  public static Answer upload(String format, Path file, String runId, URI url, String token, boolean finalPart,
      @org.jspecify.annotations.Nullable String testName,
      @org.jspecify.annotations.Nullable String targetService, PrintStream out) throws IOException, InterruptedException {
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("unknown format '" + format + "'; expected one of " + FORMATS);
    }
    HttpResponse<String> response = post(new IngestOptions(format, file, runId, url, token,
        defaultKey(format, runId, file), finalPart, testName, targetService), out);
    return new Answer(response.statusCode(), response.body());
  }

  /** The formats ingest-service reads. */
  public static List<String> formats() {
    return FORMATS;
  }

  private static HttpResponse<String> post(IngestOptions options, PrintStream out)
      throws IOException, InterruptedException {
    long size = Files.size(options.file());
    AtomicLong sent = new AtomicLong();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.url() + "/ingest/" + options.format()
            + "?runId=" + URLEncoder.encode(options.runId(), StandardCharsets.UTF_8) + query(options)))
        .header("Authorization", "Bearer " + options.token())
        .header("Content-Type", CONTENT_TYPES.get(options.format()))
        .header("Idempotency-Key", options.idempotencyKey())
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
            () -> new Counting(open(options.file()), sent)), size));
    if (options.file().getFileName().toString().endsWith(".gz")) {
      request.header("Content-Encoding", "gzip");
    }
    long started = System.nanoTime();
    // Rewritten in place on a terminal; elsewhere (CI logs, pipes) only the final line.
    boolean terminal = System.console() != null;
    Thread progress = Thread.ofVirtual().start(() -> {
      try {
        while (terminal) {
          Thread.sleep(500);
          out.print("\r" + progressLine(sent.get(), size, System.nanoTime() - started));
          out.flush();
        }
      } catch (InterruptedException done) {
        // the upload was answered
      }
    });
    HttpResponse<String> response;
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      progress.interrupt();
      progress.join();
    }
    out.println((terminal ? "\r" : "") + progressLine(sent.get(), size, System.nanoTime() - started));
    return response;
  }

  static String progressLine(long sent, long size, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    return String.format("sent %,.1f of %,.1f MiB (%d%%) at %,.1f MiB/s", sent / 1048576.0, size / 1048576.0,
        size == 0 ? 100 : sent * 100 / size, sent / 1048576.0 / seconds);
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String defaultKey(String format, String runId, Path file) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String identity = format + "|" + runId + "|" + file.toAbsolutePath().normalize() + "|" + Files.size(file)
          + "|" + Files.getLastModifiedTime(file).toMillis();
      return "cli-" + HexFormat.of().formatHex(sha.digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalArgumentException("cannot read file " + file + ": " + e.getMessage());
    }
  }

  private static String value(String[] args, int index, String name) {
    return CommandLine.value(args, index, name);
  }

  /** Counts the bytes the HTTP client has taken from the file. */
  private static final class Counting extends FilterInputStream {

    private final AtomicLong count;

    Counting(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }
  }
}
