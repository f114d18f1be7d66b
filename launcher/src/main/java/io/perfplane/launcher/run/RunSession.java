package io.perfplane.launcher.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.Service;
import io.perfplane.launcher.pipeline.Outcome;
import io.perfplane.launcher.pipeline.Pipeline;
import io.perfplane.launcher.pipeline.SummaryJson;
import io.perfplane.launcher.pipeline.Verdicts;
import io.perfplane.launcher.stack.RunningStack;
import io.perfplane.launcher.Summary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One {@code perfplane run}: starts a local loadgen-service (unless given one), submits the test, follows it with a
 * progress line once a second and ends with the summary. {@link #interrupt()} is the Ctrl-C path: it stops the run
 * on loadgen-service (which flushes its samples), prints the summary, then shuts down what this session started.
 */
final class RunSession implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunSession.class);
  /** Without a terminal, a plain line every 5 s keeps logs readable. */
  private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
  /** How long the analyzer may take to finalize after the load ended, and cost-service to price it. */
  private static final Duration SETTLE = Duration.ofSeconds(120);

  private final RunOptions options;
  private String controlToken;
  private final Path home;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;
  private volatile @Nullable LocalLoadgen local;
  private volatile @Nullable Pipeline pipeline;
  private volatile @Nullable LoadgenClient client;
  private volatile @Nullable String runId;
  /** Set first thing on Ctrl-C: from then on the main thread prints nothing more. */
  private volatile boolean interrupted;
  /** Guarded by this: whether the summary was printed (by the main thread or the Ctrl-C path), so it is printed once. */
  private boolean reported;
  private boolean closed;

  RunSession(RunOptions options, String controlToken, Path home, PrintStream out, PrintStream err,
      boolean interactive) {
    this.options = options;
    this.controlToken = controlToken;
    this.home = home;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  /** Runs the test to its end; returns the exit code. */
  int execute() {
    URI loadgen = options.loadgen();
    if (loadgen == null && options.analysis()) {
      // --kafka and --slo configure a pipeline of the command's own; without them a running stack serves.
      Optional<RunningStack> stack = options.kafka() == null && options.sloFile() == null
          ? RunningStack.find(home.toAbsolutePath().normalize().resolve(".perfplane")) : Optional.empty();
      if (stack.isPresent()) {
        out.println("perfplane run: using the running stack (pid " + stack.get().file().pid() + ")");
      }
      Pipeline started = stack.isPresent()
          ? Pipeline.attach(stack.get().uris(), stack.get().kafka(), stack.get().token())
          : Pipeline.start(new Pipeline.Spec(home, Service.LOADGEN, options.kafka(), options.sloFile(),
              options.logDir()), out);
      pipeline = started;
      loadgen = started.baseUri(Service.LOADGEN);
      controlToken = started.secret(Service.LOADGEN);
    } else if (loadgen == null) {
      out.println("perfplane run: starting " + (options.kafka() == null ? "Kafka (KRaft, in-process) and " : "")
          + "loadgen-service (logs in " + options.logDir() + ") ...");
      long started = System.nanoTime();
      LocalLoadgen service = LocalLoadgen.start(home, options.kafka(), controlToken, options.logDir());
      local = service;
      loadgen = service.baseUri();
      out.printf("  kafka %s%s, loadgen-service %s, ready in %d s%n", service.bootstrapServers(),
          service.ownsBroker() ? " (in-process)" : "", loadgen,
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }
    LoadgenClient loadgenClient = new LoadgenClient(loadgen, controlToken);
    client = loadgenClient;

    String id;
    try {
      id = submit(loadgenClient);
    } catch (LoadgenClient.Rejected rejected) {
      err.print(RunReport.rejection(rejected, fileName(), rejected.status() == 404 ? profiles(loadgenClient)
          : List.of()));
      return RunReport.exitCode(rejected);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName() + ": " + e.getMessage(), e);
    }
    runId = id;
    if (pipeline != null) {
      pipeline.watchFirstSample(id);
    }
    out.println("perfplane run: " + id + " running on " + loadgen + " (Ctrl-C stops it)");

    JsonNode last = follow(loadgenClient, id);
    Pipeline analysis = pipeline;
    synchronized (this) {
      if (interrupted || last == null) {
        return ExitCodes.INTERRUPTED; // the Ctrl-C path reports
      }
      int exitCode = RunReport.exitCode(last);
      boolean analyzed = analysis != null && exitCode != ExitCodes.ERROR;
      out.print(analyzed ? RunReport.figures(last) : RunReport.summary(last, exitCode));
      out.flush();
      reported = true;
      if (!analyzed) {
        return exitCode;
      }
    }
    out.println("\nperfplane run: waiting for the analyzer's verdict and cost-service's estimates ...");
    Outcome outcome = analysis.awaitOutcome(id, last.path("samplesPublished").asLong(-1), SETTLE,
        options.reportDir());
    int exitCode = RunReport.exitCode(last);
    boolean sloFailed = Verdicts.anySloFailed(outcome.analysis());
    out.print(Verdicts.render(outcome));
    if (exitCode == ExitCodes.OK && sloFailed) {
      exitCode = ExitCodes.THRESHOLDS_FAILED;
      out.print("\n  result       ✗ finished, thresholds passed but SLOs FAILED (exit 99)\n");
    } else {
      out.print(RunReport.result(last, exitCode));
    }
    out.flush();
    if (options.summaryJson() != null) {
      SummaryJson.write(options.summaryJson(), SummaryJson.of("run", id, outcome, last, exitCode));
      out.println("  summary    " + options.summaryJson().toAbsolutePath());
    }
    return exitCode;
  }

  private String submit(LoadgenClient loadgenClient) throws IOException {
    return switch (options.source()) {
      case RunOptions.DefinitionFile file -> loadgenClient.submit(file.file(), file.contentType(), options.runId(),
          options.target());
      case RunOptions.Profile profile -> loadgenClient.submitProfile(profile.name(), options.runId(),
          options.target());
    };
  }

  /** Polls the run once a second until it ended; null when interrupted. */
  private @Nullable JsonNode follow(LoadgenClient loadgenClient, String id) {
    long lastPrinted = Long.MIN_VALUE;
    while (!interrupted) {
      JsonNode status;
      JsonNode analyzed = null;
      try {
        status = loadgenClient.status(id);
        Pipeline analysis = pipeline;
        if (analysis != null) {
          analyzed = analysis.analysis(id).orElse(null);
        }
      } catch (RuntimeException e) {
        if (interrupted) {
          return null; // the services are going down under us
        }
        throw e;
      }
      boolean running = "RUNNING".equals(status.path("state").asString(""));
      String line = Summary.progress(status, analyzed);
      long now = System.nanoTime();
      synchronized (this) {
        if (interrupted) {
          return null;
        }
        if (interactive) {
          out.print("\r\033[2K" + line + (running ? "" : "\n"));
          out.flush();
        } else if (!running || lastPrinted == Long.MIN_VALUE || now - lastPrinted >= PLAIN_EVERY.toNanos()) {
          out.println(line);
          lastPrinted = now;
        }
      }
      if (!running) {
        return status;
      }
      try {
        Thread.sleep(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /**
   * Ctrl-C (from the shutdown hook): stops the run on loadgen-service and waits for it to end there (its samples
   * flushed), prints the summary with exit code 130, then stops what this session started.
   */
  void interrupt() {
    interrupted = true;
    synchronized (this) {
      if (!reported && !closed) {
        String id = runId;
        LoadgenClient loadgenClient = client;
        if (id != null && loadgenClient != null) {
          out.println("\nperfplane run: interrupted, stopping run " + id + " ...");
          try {
            JsonNode status = loadgenClient.stop(id);
            out.print(RunReport.summary(status, ExitCodes.INTERRUPTED));
          } catch (LoadgenClient.Rejected e) {
            // 409: it had already ended on its own; its final status is still there to report.
            try {
              out.print(RunReport.summary(loadgenClient.status(id), ExitCodes.INTERRUPTED));
            } catch (RuntimeException again) {
              err.println("perfplane run: could not read the run's status: " + again.getMessage());
            }
          } catch (RuntimeException e) {
            err.println("perfplane run: could not stop run " + id + ": " + e.getMessage());
          }
          reported = true;
        } else {
          out.println("\nperfplane run: interrupted");
        }
        if (local != null) {
          out.println("perfplane run: stopping loadgen-service" + (local.ownsBroker() ? " and Kafka" : "") + " ...");
        }
        if (pipeline != null && !pipeline.attached()) {
          out.println("perfplane run: stopping the services, Kafka and PostgreSQL ...");
        }
        out.flush();
      }
    }
    close();
  }

  private @Nullable String fileName() {
    return options.source() instanceof RunOptions.DefinitionFile file ? file.file().getFileName().toString() : null;
  }

  private static List<String> profiles(LoadgenClient loadgenClient) {
    try {
      return loadgenClient.profiles();
    } catch (RuntimeException e) {
      log.debug("profiles not listed: {}", e.getMessage());
      return List.of();
    }
  }

  /** Stops the local loadgen-service and broker, if this session started them; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LocalLoadgen started = local;
    if (started != null) {
      started.close();
    }
    Pipeline services = pipeline;
    if (services != null) {
      services.close();
    }
  }
}
